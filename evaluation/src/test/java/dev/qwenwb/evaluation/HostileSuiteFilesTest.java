package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.run.ReplayBackend;
import dev.qwenwb.evaluation.suite.SuiteException;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite and replay files as an attacker or a careless user writes them: YAML aliases (and a "billion laughs"),
 * bytes that are not UTF-8, a 50 MB line, a 100 MB replay line, absurd limits. Each is one line naming the file
 * (and the line where there is one), found before anything runs.
 */
class HostileSuiteFilesTest {

    @TempDir
    Path tmp;

    @Test
    void anAliasIsRefusedWithItsLineNotReplacedByItsName() throws IOException {
        Path f = write("alias.yaml", "name: s\nshared: &x Write a sort function\ncases:\n  - id: a\n"
                + "    prompt: *x\n    checks: [{type: contains, value: def}]\n");
        assertThatThrownBy(() -> load(f)).isInstanceOf(SuiteException.class)
                .hasMessageStartingWith(f + ":5:13: YAML alias *x is not supported").hasMessageNotContaining("\n");
        Path merge = write("merge.yaml", "name: s\nbase: &b {type: contains, value: def}\ncases:\n  - id: a\n"
                + "    prompt: p\n    checks:\n      - <<: *b\n        value: class\n");
        assertThatThrownBy(() -> load(merge)).hasMessageStartingWith(merge + ":7:").hasMessageContaining("alias *b");
    }

    @Test
    @Timeout(60) // a bound for a blow-up, not a measurement
    void aBillionLaughsDocumentIsRefusedNotExpanded() throws IOException {
        StringBuilder y = new StringBuilder("name: lol\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            String prev = "*" + (char) (c - 1);
            y.append(c).append(": &").append(c).append(" [").append(String.join(",", Arrays.asList(prev, prev, prev,
                    prev, prev, prev, prev, prev, prev))).append("]\n");
        }
        y.append("cases:\n  - id: a\n    prompt: p\n    checks: [{type: contains, value: lol}]\n");
        Path f = write("lol.yaml", y.toString());
        assertThatThrownBy(() -> load(f)).isInstanceOf(SuiteException.class)
                .hasMessageStartingWith(f + ":3:").hasMessageContaining("YAML alias *a is not supported");
    }

    @Test
    void aSuiteThatIsNotUtf8NamesTheByteAndTheLine() throws IOException {
        byte[] head = "name: s\ncases:\n  - id: a\n    prompt: caf".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\n    checks: [{type: contains, value: x}]\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xE9; // Latin-1 é
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        Path f = Files.write(tmp.resolve("latin1.yaml"), all);
        assertThatThrownBy(() -> load(f)).isInstanceOf(SuiteException.class)
                .hasMessage(f + ":4: not UTF-8 (byte " + head.length + " of the file is 0xE9); save it as UTF-8");
    }

    @Test
    @Timeout(60) // it took more than 150 s before the size was checked
    void aFiftyMegabyteSingleLinePromptIsRefusedBeforeParsing() throws IOException {
        Path f = tmp.resolve("big.yaml");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write("name: s\ncases:\n  - id: a\n    prompt: ".getBytes(StandardCharsets.UTF_8));
            writeXs(out, 50);
            out.write("\n    checks: [{type: contains, value: x}]\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> load(f)).isInstanceOf(SuiteException.class)
                .hasMessage(f + ": larger than the 12 MB a suite file may be");
        Path f4 = write("four.yaml", "name: s\ncases:\n  - id: a\n    prompt: " + "x".repeat(4 << 20)
                + "\n    checks: [{type: contains, value: x}]\n");
        assertThatThrownBy(() -> load(f4)).isInstanceOf(SuiteException.class)
                .hasMessageStartingWith(f4 + ": more than 3145728 characters");
    }

    @Test
    void absurdLimitsAreRefusedWithTheAcceptedRange() throws IOException {
        for (String option : new String[] {"memory_mb: 99999999999", "memory_mb: 0", "file_size_mb: 2000000",
                "timeout_s: 1e9", "cpu_s: -1"}) {
            Path f = write("limits.yaml", "name: s\ncases:\n  - id: a\n    prompt: p\n    checks:\n"
                    + "      - type: python-tests\n        tests: assert True\n        " + option + "\n");
            String key = option.substring(0, option.indexOf(':'));
            assertThatThrownBy(() -> load(f)).as(option).isInstanceOf(SuiteException.class)
                    .hasMessageStartingWith(f + ":6: check 'python-tests': '" + key + "' must be a number above 0 "
                            + "and at most ");
        }
    }

    @Test
    void aReplayLineOfAHundredMegabytesIsTooLongNotNotJson() throws IOException {
        Path f = tmp.resolve("answers.jsonl");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write("{\"case\": \"a\", \"text\": \"ok\"}\n{\"case\": \"b\", \"text\": \"".getBytes(StandardCharsets.UTF_8));
            writeXs(out, 100);
            out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> new ReplayBackend(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ":2: the line is longer than 16 MB (the most a line may hold here)");
        Path latin = Files.write(tmp.resolve("latin1.jsonl"), new byte[] {'{', '"', 'c', (byte) 0xE9});
        assertThatThrownBy(() -> new ReplayBackend(latin)).hasMessage(latin + ":1: not UTF-8 (byte 3 of the file "
                + "is 0xE9); save it as UTF-8");
        Path ok = write("ok.jsonl", "{\"case\": \"a\", \"text\": \"" + "y".repeat(1 << 20) + "\"}\r\n\n"
                + "{\"case\": \"a\", \"text\": \"second\"}");
        assertThat(new ReplayBackend(ok).describe()).startsWith("replay:");
    }

    /** Writes that many megabytes of "x", one line's worth, without holding them in memory. */
    private static void writeXs(OutputStream out, int megabytes) throws IOException {
        byte[] mb = new byte[1 << 20];
        Arrays.fill(mb, (byte) 'x');
        for (int i = 0; i < megabytes; i++) {
            out.write(mb);
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static void load(Path f) {
        new SuiteLoader(CheckRegistry.standard()).load(f);
    }
}
