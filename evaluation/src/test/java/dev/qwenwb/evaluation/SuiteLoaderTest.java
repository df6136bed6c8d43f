package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.suite.EvalCase;
import dev.qwenwb.evaluation.suite.Suite;
import dev.qwenwb.evaluation.suite.SuiteException;
import dev.qwenwb.evaluation.suite.SuiteLoader;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.RepoFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {

    private final SuiteLoader loader = new SuiteLoader(CheckRegistry.standard());

    @TempDir
    Path tmp;

    @Test
    void articleSuiteHasTheIssuesCaseIdsPromptsAndClaims() {
        Suite s = loader.load(Assets.suites().resolve("article.yaml"));
        assertThat(s.cases()).extracting(EvalCase::id)
                .containsExactly("quicksort", "fetch-wrapper", "dockerfile", "repo-context", "palindrome", "fibonacci");
        EvalCase q = s.find("quicksort").orElseThrow();
        assertThat(q.prompt()).isInstanceOf(Prompt.Chat.class);
        assertThat(((Prompt.Chat) q.prompt()).messages().get(0).content()).isEqualTo("请用Python实现一个快速排序函数,并添加详细注释。");
        EvalCase fib = s.find("fibonacci").orElseThrow();
        assertThat(fib.prompt()).isInstanceOf(Prompt.Raw.class);
        assertThat(((Prompt.Raw) fib.prompt()).text()).isEqualTo("Write a Python function to calculate Fibonacci sequence up to n terms.");
        EvalCase repo = s.find("repo-context").orElseThrow();
        assertThat(repo.prompt()).isInstanceOf(Prompt.Repo.class);
        List<RepoFile> files = ((Prompt.Repo) repo.prompt()).files();
        assertThat(files).extracting(f -> f.path()).containsExactly("user.py", "auth.py");
        assertThat(files.get(1).content()).contains("# 请补充:添加一个函数 save_user_to_db(user)");
        assertThat(s.claims()).extracting(c -> c.metric()).containsExactly("load_ms", "ttft_ms",
                "decode_tokens_per_s", "peak_memory_mb", "humaneval_pass_rate");
    }

    @Test
    void humanEvalSuitesHaveAll164Problems() {
        assertThat(loader.load(Assets.suites().resolve("humaneval.yaml")).cases()).hasSize(164);
        Suite instruct = loader.load(Assets.suites().resolve("humaneval-instruct.yaml"));
        assertThat(instruct.cases()).hasSize(164);
        assertThat(instruct.cases().get(0).prompt().kind()).isEqualTo("chat");
        assertThat(instruct.claims()).extracting(c -> c.value()).containsExactly(35.4, 61.6, 68.0);
    }

    @Test
    void unknownCheckTypeNamesFileAndLine() throws Exception {
        Path f = write("name: t\ncases:\n  - id: a\n    prompt: hi\n    checks:\n      - type: contains\n"
                + "        value: x\n      - type: sorcery\n        value: y\n");
        assertThatThrownBy(() -> loader.load(f)).isInstanceOf(SuiteException.class)
                .hasMessageContaining(f + ":8").hasMessageContaining("unknown check type 'sorcery'")
                .hasMessageContaining("python-tests");
    }

    @Test
    void brokenYamlNamesFileAndLine() throws Exception {
        Path f = write("name: t\ncases:\n  - id: a\n    prompt: [unclosed\n    checks: []\n");
        assertThatThrownBy(() -> loader.load(f)).isInstanceOf(SuiteException.class)
                .hasMessageMatching(".*suite\\.yaml:\\d+:\\d+: not valid YAML: [^\\n]*")
                .hasMessageNotContaining("in 'reader'");
    }

    @Test
    void aDuplicateKeyIsAnErrorNamingItsLine() throws Exception {
        Path f = write("name: t\ncases:\n  - id: a\n    prompt: p\n    checks: [{type: contains, value: x}]\n"
                + "  - id: b\n    prompt: q\n    prompt: r\n    checks: [{type: contains, value: x}]\n");
        assertThatThrownBy(() -> loader.load(f)).isInstanceOf(SuiteException.class)
                .hasMessageStartingWith(f + ":8:").hasMessageContaining("duplicate key 'prompt'");
    }

    @Test
    void missingPromptAndMissingOptionNameTheLine() throws Exception {
        Path f = write("name: t\ncases:\n  - id: a\n    checks:\n      - type: contains\n        value: x\n");
        assertThatThrownBy(() -> loader.load(f)).hasMessageContaining(f + ":3: case 'a' has no prompt");
        Path g = write("name: t\ncases:\n  - id: a\n    prompt: hi\n    checks:\n      - type: python-tests\n");
        assertThatThrownBy(() -> loader.load(g)).hasMessageContaining(g + ":6: check 'python-tests' needs 'tests'");
        Path h = write("name: t\ncases:\n  - id: a\n    prompt: hi\n    checks:\n      - type: regex\n        value: '('\n");
        assertThatThrownBy(() -> loader.load(h)).hasMessageContaining(h + ":6: check 'regex': bad pattern");
    }

    private Path write(String yaml) throws Exception {
        Path f = tmp.resolve("suite.yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
