package dev.qwenwb.inference.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jinja features other models' templates rely on render as Python's jinja2 renders them in Hugging
 * Face's environment (trim_blocks, lstrip_blocks); each expected string was produced by jinja2 3.1.
 */
class JinjaSemanticsTest {

    private static final List<ChatMessage> TWO = List.of(ChatMessage.user("a"), ChatMessage.assistant("b"));

    private static String render(String template, List<ChatMessage> messages) {
        return new ChatTemplate(template, null, "<|im_end|>").render(messages, true);
    }

    @Test
    void loopVariablesSubscriptsSetAndDefinedTests() {
        String template = "{% for m in messages %}{{ loop.index0 }}:{{ m['role'] }}"
                + "{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}\n{% endfor %}"
                + "{% set x = messages|length %}{{ x }}{% if foo is defined %}D{% else %}U{% endif %}{{ eos_token }}";
        assertThat(render(template, TWO)).isEqualTo("0:userF1:assistantL2U<|im_end|>");
    }

    @Test
    void namespaceAssignmentInsideALoopIsVisibleAfterIt() {
        String template = "{%- set ns = namespace(found=false) %}{%- for m in messages %}"
                + "{%- if m.role == 'assistant' %}{%- set ns.found = true %}{%- endif %}{%- endfor %}"
                + "{% if ns.found %}yes{% endif %}";
        assertThat(render(template, TWO)).isEqualTo("yes");
    }

    @Test
    void filtersAndSlicing() {
        String template = "{{ messages[0].content | trim }}|{{ messages[0].content[1:3] }}|{{ 'x' ~ 1 }}"
                + "|{{ messages | map(attribute='role') | join(',') }}|{{ messages[-1].role }}";
        assertThat(render(template, List.of(ChatMessage.user(" hello "), ChatMessage.assistant("b"))))
                .isEqualTo("hello|he|x1|user,assistant|assistant");
    }

    @Test
    void blockTagsOnTheirOwnLinesLeaveNoIndentationOrNewlines() {
        String template = "{% if true %}\n  {% if true %}\n    deep\n  {% endif %}\n{% endif %}\nend\n\n";
        assertThat(render(template, TWO)).isEqualTo("    deep\nend\n");
    }

    @Test
    void spacesBeforeATagInTheMiddleOfALineAreKept() {
        assertThat(render("a {% if true %}x{% endif %} b", TWO)).isEqualTo("a x b");
        assertThat(render("p {%- if true %} q {% endif -%} r", TWO)).isEqualTo("p q r");
        assertThat(render("a {# c #} b", TWO)).isEqualTo("a  b");
    }

    @Test
    void expressionsKeepTheirIndentationUnlessTrimmed() {
        assertThat(render("{% for m in messages %}\n  {{ m.content }}\n{% endfor %}", TWO)).isEqualTo("  a\n  b\n");
        assertThat(render("A  {{- ' b ' -}}  C", TWO)).isEqualTo("A b C");
    }

    @Test
    void stringsInsideTagsThatLookLikeDelimitersDoNotConfuseWhitespaceHandling() {
        assertThat(render("  {# c #}\n  {{ '%}' }}\n  {% if '%}' %}z{% endif %}\n", TWO)).isEqualTo("  %}\nz");
    }

    @Test
    void windowsLineEndingsBehaveLikeUnixOnes() {
        assertThat(render("a\r\n  {% if true %}\r\nb{% endif %}\r\n", TWO)).isEqualTo("a\nb");
    }

    @Test
    void raiseExceptionStopsRenderingWithTheTemplatesMessage() {
        String template = "{% if messages[0].role != 'system' %}"
                + "{{ raise_exception('Conversation must start with a system message') }}{% endif %}";
        assertThatThrownBy(() -> render(template, TWO))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessage("chat template failed: Conversation must start with a system message");
    }

    @Test
    void aSyntaxErrorSaysTheTemplateFailed() {
        assertThatThrownBy(() -> render("{% for m in messages %}{{ m.role }}", TWO))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageStartingWith("chat template failed: ")
                .hasMessageContaining("endfor");
    }
}
