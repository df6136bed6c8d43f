package dev.qwenwb.inference.prompt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies jinja2's {@code lstrip_blocks} and {@code trim_blocks} to a template's source, so that a Jinja
 * engine with both options off renders it as jinja2 with both options on would.
 *
 * <p>Why: Hugging Face renders chat templates with {@code trim_blocks=True, lstrip_blocks=True}. Jinjava
 * (2.8.2) implements {@code lstrip_blocks} differently from jinja2: it also strips spaces before a tag
 * that is not at the start of a line ({@code "a {% if x %}b"} gives {@code "ab"} instead of
 * {@code "a b"}), and before comments likewise. The rules are lexical, so they are applied here, once,
 * to the source, exactly as jinja2's lexer states them:
 * <ul>
 *   <li>lstrip_blocks: spaces and tabs between the start of a line (or of the template) and a block tag
 *       {@code {%} or comment {@code {#} are removed, unless the tag opens with {@code {%+};</li>
 *   <li>trim_blocks: one {@code \n} right after a block tag {@code %}} or comment {@code #}} is removed,
 *       unless the tag closes with {@code +%}};</li>
 *   <li>expressions {@code {{ }}} are never affected; {@code {%-}/{@code -%}} are left to the engine;
 *       the body of {@code {% raw %}} is copied untouched (not even the newline after the tag).</li>
 * </ul>
 * The {@code +} modifiers, which Jinjava does not know, are removed once applied.
 */
final class BlockWhitespace {

    private static final Pattern RAW_START = Pattern.compile("\\{%[-+]?\\s*raw\\s*[-+]?%}");
    private static final Pattern RAW_END = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%}");

    private BlockWhitespace() {
    }

    /** The source with jinja2's {@code lstrip_blocks} and {@code trim_blocks} applied. */
    static String apply(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int pos = 0;
        boolean lineStarting = true; // the text at pos begins a line
        while (pos < source.length()) {
            int open = nextTagStart(source, pos);
            if (open < 0) {
                out.append(source, pos, source.length());
                break;
            }
            char kind = source.charAt(open + 1);
            String text = source.substring(pos, open);
            boolean plus = kind != '{' && open + 2 < source.length() && source.charAt(open + 2) == '+';
            if (kind != '{' && !plus) {
                text = lstrip(text, lineStarting);
            }
            out.append(text);
            int close = kind == '#' ? commentEnd(source, open) : tagEnd(source, open, kind == '{' ? '}' : '%');
            String tag = source.substring(open, close);
            if (plus) {
                tag = tag.substring(0, 2) + tag.substring(3);
            }
            boolean rawStart = kind == '%' && RAW_START.matcher(tag).matches();
            boolean keepNewline = kind == '{' || rawStart || tag.endsWith("+%}");
            if (tag.endsWith("+%}")) {
                tag = tag.substring(0, tag.length() - 3) + "%}";
            }
            out.append(tag);
            pos = close;
            if (!keepNewline && pos < source.length() && source.charAt(pos) == '\n') {
                pos++;
            }
            lineStarting = pos > 0 && source.charAt(pos - 1) == '\n';
            if (rawStart) {
                Matcher end = RAW_END.matcher(source);
                int stop = end.find(pos) ? end.start() : source.length();
                out.append(source, pos, stop);
                lineStarting = stop > 0 && source.charAt(stop - 1) == '\n';
                pos = stop;
            }
        }
        return out.toString();
    }

    /** Drops the spaces and tabs that stand alone between a line start and the tag. */
    private static String lstrip(String text, boolean lineStarting) {
        int lineStart = text.lastIndexOf('\n') + 1;
        if (lineStart == 0 && !lineStarting) {
            return text;
        }
        for (int i = lineStart; i < text.length(); i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return text;
            }
        }
        return text.substring(0, lineStart);
    }

    private static int nextTagStart(String s, int from) {
        for (int i = s.indexOf('{', from); i >= 0 && i + 1 < s.length(); i = s.indexOf('{', i + 1)) {
            char c = s.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private static int commentEnd(String s, int open) {
        int end = s.indexOf("#}", open + 2);
        return end < 0 ? s.length() : end + 2;
    }

    /** Index after the closing {@code %}} or {@code }}}, skipping string literals inside the tag. */
    private static int tagEnd(String s, int open, char closer) {
        char quote = 0;
        for (int i = open + 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == closer && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                return i + 2;
            }
        }
        return s.length();
    }
}
