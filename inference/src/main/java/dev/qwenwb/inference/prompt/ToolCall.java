package dev.qwenwb.inference.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A function call an assistant message asks for: the function's name and its arguments as a JSON-like
 * object (maps, lists, strings, numbers, booleans, {@code null}).
 *
 * <p>The argument order is kept as given (the map is copied into a {@link LinkedHashMap}), because chat
 * templates print the arguments with {@code tojson} and the model saw them in that order.
 *
 * @param name the function name, e.g. {@code get_weather}
 * @param arguments the arguments, e.g. {@code {"city": "Beijing"}}; never {@code null}
 */
public record ToolCall(String name, Map<String, Object> arguments) {

    /** Validates the name and takes an order-preserving, unmodifiable copy of the arguments. */
    public ToolCall {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("tool call name is blank");
        }
        arguments = arguments == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }
}
