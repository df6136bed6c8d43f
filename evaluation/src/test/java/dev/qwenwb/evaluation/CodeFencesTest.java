package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.qwenwb.evaluation.check.CodeExtractor;
import dev.qwenwb.evaluation.code.CodeBlock;
import dev.qwenwb.evaluation.code.CodeFences;
import dev.qwenwb.evaluation.code.Languages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one fence finder, as the artifacts pane (streaming) and the checks (finished answers) use it. */
class CodeFencesTest {

    private static final String REPLY = "Here:\n\n```python\ndef add(a, b):\n    return a + b\n```\n\nDone.";

    @Test
    void findsClosedAndStreamingBlocks() {
        List<CodeBlock> blocks = CodeFences.find("x\n```js\nconsole.log(1)\n```\ny\n```py\nprint(2)\n");
        assertThat(blocks).extracting(CodeBlock::language, CodeBlock::code, CodeBlock::closed).containsExactly(
                tuple("javascript", "console.log(1)", true), tuple("python", "print(2)", false));
    }

    @Test
    void everyPrefixOfAStreamedReplyGivesSaneBlocks() {
        for (int n = 0; n <= REPLY.length(); n++) {
            String prefix = REPLY.substring(0, n);
            List<CodeBlock> blocks = CodeFences.find(prefix);
            for (CodeBlock b : blocks) {
                assertThat(b.code()).as("prefix %d", n).doesNotContain("`");
                assertThat(b.language()).as("prefix %d", n).isEqualTo("python");
                assertThat("def add(a, b):\n    return a + b").startsWith(b.code());
            }
            if (n >= REPLY.indexOf("```\n\nDone") + 3) {
                assertThat(blocks).hasSize(1);
                assertThat(blocks.get(0).closed()).isTrue();
                assertThat(blocks.get(0).code()).isEqualTo("def add(a, b):\n    return a + b");
            }
        }
    }

    @Test
    void fencesInsideListsAndLongerFencesAreFound() {
        String answer = "Steps:\n\n1. Install:\n\n   ```bash\n   pip install x\n   ```\n2. Code:\n\n"
                + "````markdown\n```python\nnot a fence of its own\n```\n````\n";
        assertThat(CodeFences.find(answer)).extracting(CodeBlock::language, CodeBlock::code).containsExactly(
                tuple("shell", "pip install x"), tuple("markdown", "```python\nnot a fence of its own\n```"));
    }

    @Test
    void theChecksAndTheArtifactsShareOneAliasTable() {
        assertThat(List.of("py", "python3", "main.py", "Python {linenos}")).allMatch(
                i -> Languages.normalise(i).equals("python"));
        assertThat(Languages.normalise("docker")).isEqualTo("dockerfile");
        String answer = "```py\ndef f():\n    return 1\n```\n```js\nconsole.log(2)\n```";
        assertThat(CodeExtractor.extract(answer, "python", List.of())).isEqualTo("def f():\n    return 1\n");
        assertThat(CodeExtractor.extract(answer, "node", List.of())).isEqualTo("console.log(2)\n");
        assertThat(CodeExtractor.extract("```python\ndef g(): pass\n", "python", List.of("g")))
                .as("an answer cut by the token limit").isEqualTo("def g(): pass\n");
    }
}
