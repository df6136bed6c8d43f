package dev.qwenwb.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * OpenAI's {@code logit_bias}: an object mapping token ids (as strings) to a bias in [-100, 100].
     *
     * @return the map, or null when absent
     */
    static Map<Integer, Double> logitBias(JsonNode root) {
        JsonNode n = get(root, "logit_bias");
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            throw ApiError.invalid("logit_bias", "logit_bias: expected an object of token id → bias, got "
                    + abbreviate(n));
        }
        Map<Integer, Double> bias = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id;
            try {
                id = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                id = -1;
            }
            if (id < 0) {
                throw ApiError.invalid("logit_bias", "logit_bias: keys must be token ids (whole numbers >= 0), got '"
                        + abbreviate(e.getKey()) + "'");
            }
            JsonNode v = e.getValue();
            if (!v.isNumber() || !(v.asDouble() >= -100 && v.asDouble() <= 100)) {
                throw ApiError.invalid("logit_bias", "logit_bias[" + id + "]: expected a number from -100 to 100, got "
                        + abbreviate(v));
            }
            bias.put(id, v.asDouble());
        }
        return bias;
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
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
