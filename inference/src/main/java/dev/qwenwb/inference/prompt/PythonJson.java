package dev.qwenwb.inference.prompt;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes JSON byte for byte as Python's {@code json.dumps(x, ensure_ascii=False)} does, which is what
 * the {@code tojson} filter of Hugging Face chat templates produces.
 *
 * <p>Differences from a typical Java JSON writer that a model would notice in its prompt: items are
 * separated by {@code ", "} and keys by {@code ": "} (with an indent, items by {@code ","}); non-ASCII
 * text is kept as is; only {@code "}, {@code \} and control characters are escaped; floats print as
 * Python's {@code repr} ({@code 1.0}, {@code 1e+16}); map keys keep their insertion order unless sorted.
 */
final class PythonJson {

    private final Integer indent;
    private final boolean sortKeys;
    private final StringBuilder out = new StringBuilder();

    private PythonJson(Integer indent, boolean sortKeys) {
        this.indent = indent;
        this.sortKeys = sortKeys;
    }

    /** {@code json.dumps(value, ensure_ascii=False)}. */
    static String dumps(Object value) {
        return dumps(value, null, false);
    }

    /** {@code json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sortKeys)}; indent may be null. */
    static String dumps(Object value, Integer indent, boolean sortKeys) {
        PythonJson writer = new PythonJson(indent, sortKeys);
        writer.write(value, 0);
        return writer.out.toString();
    }

    private void write(Object value, int depth) {
        if (value instanceof Optional<?> optional) {
            value = optional.orElse(null);
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence || value instanceof Character) {
            writeString(value.toString());
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Double || value instanceof Float) {
            out.append(pythonFloat(((Number) value).doubleValue()));
        } else if (value instanceof Number number) {
            out.append(integral(number));
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, depth);
        } else if (value instanceof Iterable<?> iterable) {
            List<Object> items = new ArrayList<>();
            iterable.forEach(items::add);
            writeList(items, depth);
        } else if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            writeList(items, depth);
        } else {
            throw new IllegalArgumentException(
                    "Object of type " + value.getClass().getSimpleName() + " is not JSON serializable");
        }
    }

    private void writeMap(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        if (sortKeys) {
            entries.sort((a, b) -> key(a.getKey()).compareTo(key(b.getKey())));
        }
        out.append('{');
        for (int i = 0; i < entries.size(); i++) {
            separator(i, depth + 1);
            writeString(key(entries.get(i).getKey()));
            out.append(": ");
            write(entries.get(i).getValue(), depth + 1);
        }
        close(depth, '}');
    }

    private void writeList(List<Object> items, int depth) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            separator(i, depth + 1);
            write(items.get(i), depth + 1);
        }
        close(depth, ']');
    }

    private void separator(int index, int depth) {
        if (index > 0) {
            out.append(indent == null ? ", " : ",");
        }
        if (indent != null) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private void close(int depth, char bracket) {
        if (indent != null) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
        out.append(bracket);
    }

    /** Python converts keys that are not strings: {@code True → "true"}, {@code None → "null"}, 1 → "1". */
    private static String key(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof Boolean || key instanceof CharSequence) {
            return key.toString();
        }
        if (key instanceof Double || key instanceof Float) {
            return pythonFloat(((Number) key).doubleValue());
        }
        if (key instanceof Number number) {
            return integral(number);
        }
        throw new IllegalArgumentException(
                "keys must be str, int, float, bool or None, not " + key.getClass().getSimpleName());
    }

    private void writeString(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String integral(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.toString();
        }
        if (number instanceof BigInteger big) {
            return big.toString();
        }
        return Long.toString(number.longValue());
    }

    /** Python's {@code float.__repr__}: shortest digits, fixed notation for exponents -4..15, else {@code 1e+16}. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // d = m.mmm × 10^exponent
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
