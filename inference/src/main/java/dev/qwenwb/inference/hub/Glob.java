package dev.qwenwb.inference.hub;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A file pattern as huggingface_hub's {@code allow_patterns} reads it (Python's {@code fnmatchcase}): {@code *}
 * matches anything including {@code /}, {@code ?} one character, {@code [abc]} / {@code [!abc]} a set; case matters;
 * a pattern ending in {@code /} means everything under that folder.
 */
public final class Glob {

    private final String pattern;
    private final Pattern regex;

    private Glob(String pattern, Pattern regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    /**
     * @param pattern e.g. {@code *.json}, {@code *q8_0.gguf}, {@code onnx/}
     * @throws IllegalArgumentException for an empty pattern or an unclosed {@code [}
     */
    public static Glob of(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("--include: an empty pattern matches nothing; expected e.g. '*.json'");
        }
        String p = pattern.replace('\\', '/');
        if (p.endsWith("/")) {
            p = p + "*";
        }
        try {
            return new Glob(pattern, Pattern.compile(translate(p), Pattern.DOTALL));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("--include: '" + pattern + "' is not a valid pattern (" + e.getDescription()
                    + ")");
        }
    }

    /** @return true if any of {@code globs} matches {@code path}; an empty list matches everything */
    public static boolean anyMatches(List<Glob> globs, String path) {
        if (globs.isEmpty()) {
            return true;
        }
        for (Glob g : globs) {
            if (g.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** @return true if the whole {@code path} matches */
    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    // fnmatch.translate, for the syntax it accepts
    private static String translate(String p) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        int n = p.length();
        while (i < n) {
            char c = p.charAt(i++);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && p.charAt(j) == '!') {
                    j++;
                }
                if (j < n && p.charAt(j) == ']') {
                    j++;
                }
                while (j < n && p.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    re.append("\\[");
                } else {
                    String set = p.substring(i, j).replace("\\", "\\\\");
                    i = j + 1;
                    if (set.startsWith("!")) {
                        set = "^" + set.substring(1);
                    } else if (set.startsWith("^")) {
                        set = "\\" + set;
                    }
                    re.append('[').append(set.replace("[", "\\[")).append(']');
                }
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
