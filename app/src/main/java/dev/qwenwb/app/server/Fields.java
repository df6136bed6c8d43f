package dev.qwenwb.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of a request's optional fields; a wrong type or range is a 400 naming the field. */
final class Fields {

    private Fields() {
    }

    /** @return the field, or null when absent or JSON null */
    static JsonNode get(JsonNode root, String name) {
        JsonNode n = root.get(name);
        return n == null || n.isNull() ? null : n;
    }

    static Double number(JsonNode root, String name, double min, double max, boolean minExclusive) {
        JsonNode n = get(root, name);
        if (n == null) {
            return null;
        }
        String range = (minExclusive ? "> " : ">= ") + fmt(min) + " and <= " + fmt(max);
        if (!n.isNumber()) {
            throw ApiError.invalid(name, name + ": expected a number " + range + ", got " + n);
        }
        double v = n.asDouble();
        if (!(minExclusive ? v > min : v >= min) || !(v <= max)) {
            throw ApiError.invalid(name, name + ": expected a number " + range + ", got " + n);
        }
        return v;
    }

    static Long integer(JsonNode root, String name, long min, long max) {
        JsonNode n = get(root, name);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() && !(n.isNumber() && n.asDouble() == Math.rint(n.asDouble()))) {
            throw ApiError.invalid(name, name + ": expected a whole number, got " + n);
        }
        if (!n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
            throw ApiError.invalid(name, name + ": expected a whole number from " + min + " to " + max + ", got " + n);
        }
        return n.asLong();
    }

    static boolean bool(JsonNode root, String name, String where) {
        JsonNode n = get(root, name);
        if (n == null) {
            return false;
        }
        if (!n.isBoolean()) {
            throw ApiError.invalid(where, where + ": expected true or false, got " + n);
        }
        return n.asBoolean();
    }

    static String text(JsonNode root, String name) {
        JsonNode n = get(root, name);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiError.invalid(name, name + ": expected a string, got " + n);
        }
        return n.asText();
    }

    /** {@code stop}: a string or an array of non-empty strings. */
    static List<String> stops(JsonNode root) {
        JsonNode n = get(root, "stop");
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.isArray()) {
            for (JsonNode s : n) {
                if (!s.isTextual()) {
                    throw ApiError.invalid("stop", "stop: expected a string or an array of strings, got " + n);
                }
                out.add(s.asText());
            }
        } else {
            throw ApiError.invalid("stop", "stop: expected a string or an array of strings, got " + n);
        }
        if (out.stream().anyMatch(String::isEmpty)) {
            throw ApiError.invalid("stop", "stop: a stop string is empty");
        }
        if (out.size() > 16) {
            throw ApiError.invalid("stop", "stop: at most 16 stop strings, got " + out.size());
        }
        return out;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
