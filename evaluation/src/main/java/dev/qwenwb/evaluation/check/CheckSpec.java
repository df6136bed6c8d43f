package dev.qwenwb.evaluation.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One check as written in a suite: {@code type} (without a {@code not-} prefix), whether it is inverted, its
 * options, and where it was written.
 *
 * @param type the registered type, e.g. {@code python-tests}
 * @param negated written as {@code not-TYPE}: pass and fail swap
 * @param options the whole YAML object (including {@code type})
 * @param where {@code file:line}, for messages
 */
public record CheckSpec(String type, boolean negated, ObjectNode options, String where) {

    /** @return the option as text, or {@code null} */
    public String text(String name) {
        JsonNode n = options.get(name);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** @return the option as text; a {@link CheckSpecException} naming file and line if it is missing */
    public String required(String name) {
        String v = text(name);
        if (v == null) {
            throw new CheckSpecException(where + ": check '" + displayType() + "' needs '" + name + "'");
        }
        return v;
    }

    /** @return the option as a list of texts (a scalar is a list of one); empty if absent */
    public List<String> list(String name) {
        JsonNode n = options.get(name);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        } else {
            out.add(n.asText());
        }
        return out;
    }

    /** @return the option as a number, or {@code fallback} */
    public double number(String name, double fallback) {
        JsonNode n = options.get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber()) {
            throw new CheckSpecException(where + ": check '" + displayType() + "': '" + name + "' must be a number");
        }
        return n.asDouble();
    }

    /** @return the type as written, with its {@code not-} prefix */
    public String displayType() {
        return negated ? "not-" + type : type;
    }
}
