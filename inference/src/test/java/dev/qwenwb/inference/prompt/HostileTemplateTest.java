package dev.qwenwb.inference.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.qwenwb.inference.model.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat templates written to hurt: each fails within its budget with one line naming the file it came from, as bad
 * input ({@link IllegalArgumentException}: exit code 2, HTTP 400), and the next rendering works.
 */
@Timeout(120)
class HostileTemplateTest {

    @TempDir
    Path dir;

    private static final List<ChatMessage> HI = List.of(ChatMessage.user("hi"));

    private ChatTemplateException fails(String template) throws IOException {
        Path config = dir.resolve("tokenizer_config.json");
        Files.writeString(config, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("chat_template", template).toString());
        ChatTemplate t = ChatTemplate.fromTokenizerConfig(config);
        long t0 = System.nanoTime();
        ChatTemplateException e = catchThrowableOfType(() -> t.render(HI, true), ChatTemplateException.class);
        assertThat(e).as(template).isNotNull().isInstanceOf(IllegalArgumentException.class);
        assertThat(e.getMessage()).startsWith(config + ": chat template failed: ").doesNotContain("\n");
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(60);
        return e;
    }

    @Test
    void aStringDoubledFortyTimesIsRefusedNotAnOutOfMemoryError() throws IOException {
        assertThat(fails("{% set s = 'xy' %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s }}")
                .getMessage()).contains("over limit of 16777216");
        fails("{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}"
                + "{{ ns.s }}");
    }

    @Test
    void threeNestedLoopsOfAHundredThousandEndAtTheTimeBudget() throws IOException {
        assertThat(fails("{% for a in range(100000) %}{% for b in range(100000) %}{% for c in range(100000) %}"
                + "{% endfor %}{% endfor %}{% endfor %}").getMessage()).contains("ran for more than 5 s");
        assertThat(fails("{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}")
                .getMessage()).containsAnyOf("ran for more than", "output", "too big", "length");
    }

    @Test
    void aMacroThatCallsItselfTwiceEachTimeEnds() throws IOException {
        fails("{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}");
    }

    @Test
    void syntaxErrorsAndRaiseExceptionNameTheFile() throws IOException {
        assertThat(fails("{% for m in messages %}{{ m.content }}").getMessage()).contains("endfor");
        assertThat(fails("{{ raise_exception('System role not supported') }}").getMessage())
                .endsWith("chat template failed: System role not supported");
    }

    @Test
    void aTokenizerConfigThatIsNotJsonSaysSo() throws IOException {
        Path config = Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": \"{{ x }}\",,}");
        ModelLoadException e = catchThrowableOfType(() -> ChatTemplate.fromTokenizerConfig(config),
                ModelLoadException.class);
        assertThat(e.getMessage()).startsWith(config + ":1:").contains("not valid JSON").doesNotContain("chat_template");
    }

    @Test
    void aGoodTemplateStillRendersAfterTheBadOnes() {
        assertThat(new ChatTemplate("{% for m in messages %}[{{ m.content }}]{% endfor %}").render(HI, false))
                .isEqualTo("[hi]");
    }
}
