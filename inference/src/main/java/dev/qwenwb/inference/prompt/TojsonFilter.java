package dev.qwenwb.inference.prompt;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;

/**
 * The {@code tojson} filter as Hugging Face transformers defines it for chat templates:
 * {@code json.dumps(x, ensure_ascii=False, indent=indent, sort_keys=sort_keys)}. It replaces Jinjava's
 * own {@code tojson}, which writes compact JSON ({@code {"a":1}}) and so differs from the prompt the
 * model was trained on.
 */
final class TojsonFilter implements Filter {

    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        Integer indent = args.length > 0 && args[0] != null ? Integer.valueOf(args[0].trim()) : null;
        return PythonJson.dumps(var, indent, false);
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : args.length > 0 ? args[0] : null;
        Object sortKeys = kwargs.get("sort_keys");
        return PythonJson.dumps(var, indent == null ? null : Integer.valueOf(indent.toString().trim()),
                Boolean.TRUE.equals(sortKeys));
    }
}
