package dev.qwenwb.inference.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tojson output matches Python's json.dumps(x, ensure_ascii=False) byte for byte. */
class PythonJsonTest {

    @Test
    void separatorsKeyOrderAndScalarsAreThoseOfPython() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", 1);
        value.put("a", Arrays.asList(true, false, null, 0.5, 2.0, 1e16, 1.5e-5, 123456789L));
        value.put("m", Map.of());
        assertThat(PythonJson.dumps(value)).isEqualTo(
                "{\"z\": 1, \"a\": [true, false, null, 0.5, 2.0, 1e+16, 1.5e-05, 123456789], \"m\": {}}");
    }

    @Test
    void nonAsciiIsKeptAndOnlyQuotesBackslashesAndControlsAreEscaped() {
        assertThat(PythonJson.dumps("城市 \"q\" \\ / \n\t\u0001 é 😀"))
                .isEqualTo("\"城市 \\\"q\\\" \\\\ / \\n\\t\\u0001 é 😀\"");
    }

    @Test
    void indentUsesCommaWithoutSpaceAndSortKeysSorts() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", List.of(1, 2));
        value.put("a", "x");
        assertThat(PythonJson.dumps(value, 2, true))
                .isEqualTo("{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    2\n  ]\n}");
    }

    @Test
    void tojsonFilterAcceptsAnIndentArgument() {
        ChatTemplate template = new ChatTemplate("{{ tools[0] | tojson(indent=1) }}");
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", "f");
        tool.put("n", 1);
        assertThat(template.render(List.of(ChatMessage.user("x")), List.of(tool), false))
                .isEqualTo("{\n \"name\": \"f\",\n \"n\": 1\n}");
    }
}
