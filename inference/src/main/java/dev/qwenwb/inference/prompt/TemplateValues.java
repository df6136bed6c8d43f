package dev.qwenwb.inference.prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns messages into the plain maps and lists a chat template expects (the shape of HF's message dicts). */
final class TemplateValues {

    private TemplateValues() {
    }

    /** Each message as {@code {"role", "content"[, "tool_calls"]}}. */
    static List<Map<String, Object>> messages(List<ChatMessage> messages) {
        List<Map<String, Object>> out = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", message.role());
            map.put("content", message.content());
            if (message.hasToolCalls()) {
                map.put("tool_calls", toolCalls(message.toolCalls()));
            }
            out.add(map);
        }
        return out;
    }

    /** OpenAI / HF shape: {@code {"type": "function", "function": {"name": ..., "arguments": {...}}}}. */
    private static List<Map<String, Object>> toolCalls(List<ToolCall> calls) {
        List<Map<String, Object>> out = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("name", call.name());
            function.put("arguments", call.arguments());
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("type", "function");
            wrapped.put("function", function);
            out.add(wrapped);
        }
        return out;
    }
}
