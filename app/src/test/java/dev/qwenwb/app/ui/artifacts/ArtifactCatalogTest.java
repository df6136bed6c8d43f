package dev.qwenwb.app.ui.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Fenced blocks become artifacts, also while they stream, and revisions become versions (finding them: CodeFencesTest). */
class ArtifactCatalogTest {

    private static final String REPLY = "Here:\n\n```python\ndef add(a, b):\n    return a + b\n```\n\nDone.";

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
