package dev.qwenwb.inference.util;

/**
 * Text from a user's file made safe to print on one terminal line: control characters (ANSI escape sequences, line
 * breaks, NUL) and other invisible format characters become {@code \\uXXXX} escapes, and very long text is cut.
 */
public final class Printable {

    /** Longest text kept; longer is cut with an ellipsis. */
    public static final int MAX_CHARS = 200;

    private Printable() {
    }

    /** @return {@code text} with control and format characters escaped and cut to {@link #MAX_CHARS} */
    public static String of(String text) {
        return escape(text, MAX_CHARS);
    }

    /** @return {@code text} with control and format characters escaped, whatever its length */
    public static String escape(String text) {
        return escape(text, Integer.MAX_VALUE);
    }

    private static String escape(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 8);
        int i = 0;
        while (i < text.length() && b.length() < max) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        if (i < text.length()) {
            b.append("…");
        }
        return b.toString();
    }

    /** @return {@link #of(String)} in single quotes */
    public static String quote(String text) {
        return "'" + of(text) + "'";
    }
}
