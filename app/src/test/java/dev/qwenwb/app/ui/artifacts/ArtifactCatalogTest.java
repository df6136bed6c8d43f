package dev.qwenwb.app.ui.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fenced blocks become artifacts, also while they stream, and revisions become versions. */
class ArtifactCatalogTest {

    private static final String REPLY = "Here:\n\n```python\ndef add(a, b):\n    return a + b\n```\n\nDone.";

    @Test
    void findsClosedAndStreamingBlocks() {
        List<CodeBlock> blocks = CodeBlocks.find("x\n```js\nconsole.log(1)\n```\ny\n```py\nprint(2)\n");
        assertThat(blocks).extracting(CodeBlock::language, CodeBlock::code, CodeBlock::closed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("javascript", "console.log(1)", true),
                org.assertj.core.groups.Tuple.tuple("python", "print(2)", false));
    }

    @Test
    void everyPrefixOfAStreamedReplyGivesSaneBlocks() {
        for (int n = 0; n <= REPLY.length(); n++) {
            String prefix = REPLY.substring(0, n);
            List<CodeBlock> blocks = CodeBlocks.find(prefix);
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
    void aRevisionOfTheSameFunctionIsANewVersion() {
        List<Artifact> artifacts = ArtifactCatalog.build(List.of(REPLY,
                "Better:\n```python\ndef add(a, b):\n    return b + a\n```",
                "Other:\n```sql\nSELECT 1;\n```"));
        assertThat(artifacts).hasSize(2);
        assertThat(artifacts.get(0).title()).isEqualTo("add (python)");
        assertThat(artifacts.get(0).versions()).containsExactly(
                "def add(a, b):\n    return a + b", "def add(a, b):\n    return b + a");
        assertThat(artifacts.get(1).language()).isEqualTo("sql");
        assertThat(artifacts.get(1).versions()).hasSize(1);
    }

    @Test
    void fileNamesGiveIdentity() {
        List<Artifact> artifacts = ArtifactCatalog.build(List.of(
                "```html index.html\n<p>1</p>\n```", "```html\n<!-- index.html -->\n<p>2</p>\n```"));
        assertThat(artifacts).hasSize(1);
        assertThat(artifacts.get(0).title()).isEqualTo("index.html");
        assertThat(artifacts.get(0).versions()).hasSize(2);
        assertThat(artifacts.get(0).suggestedFileName()).isEqualTo("index.html");
    }

    @Test
    void theStreamingVersionGrowsInPlace() {
        List<Artifact> a = ArtifactCatalog.build(List.of(REPLY, "```python\ndef add(a, b):\n    ret"));
        assertThat(a).hasSize(1);
        assertThat(a.get(0).streaming()).isTrue();
        assertThat(a.get(0).versions()).hasSize(2);
        assertThat(a.get(0).latest()).isEqualTo("def add(a, b):\n    ret");
    }

    @Test
    void highlightsKeywordsStringsAndComments() {
        String code = "def f():  # hi\n    return 'x'";
        assertThat(Highlighter.spans("python", code)).extracting(Highlighter.Span::style)
                .containsExactly("keyword", "comment", "keyword", "string");
        for (String lang : List.of("python", "javascript", "typescript", "java", "html", "css", "dockerfile",
                "sql", "shell", "json", "yaml")) {
            assertThat(Highlighter.supports(lang)).as(lang).isTrue();
        }
        assertThat(Highlighter.spans("json", "{\"a\": 1}")).extracting(Highlighter.Span::style)
                .containsExactly("key", "number");
    }
}
