package dev.qwenwb.app.ui.artifacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds fenced code blocks in markdown, including a last block still streaming (no closing fence yet). Parsing
 * the whole text again on each update makes a fence split across tokens harmless: a line counts only once whole.
 */
public final class CodeBlocks {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("py", "python"), Map.entry("python3", "python"), Map.entry("js", "javascript"),
            Map.entry("node", "javascript"), Map.entry("jsx", "javascript"), Map.entry("mjs", "javascript"),
            Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"), Map.entry("sh", "shell"),
            Map.entry("bash", "shell"), Map.entry("zsh", "shell"), Map.entry("console", "shell"),
            Map.entry("yml", "yaml"), Map.entry("htm", "html"), Map.entry("docker", "dockerfile"),
            Map.entry("md", "markdown"), Map.entry("", "text"), Map.entry("plaintext", "text"));

    private CodeBlocks() {
    }

    /** Every fenced block of {@code markdown}, in order. */
    public static List<CodeBlock> find(String markdown) {
        List<CodeBlock> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            boolean lineComplete = i < lines.length - 1; // the info string may still be arriving
            Fence open = Fence.open(line);
            if (open == null || !lineComplete) {
                i++;
                continue;
            }
            List<String> body = new ArrayList<>();
            boolean closed = false;
            int j = i + 1;
            for (; j < lines.length; j++) {
                boolean last = j == lines.length - 1;
                if (open.closes(lines[j])) {
                    closed = true; // a fence as long as the opening one closes it, even before its newline
                    break;
                }
                if (last && (lines[j].isEmpty() || open.isPartOfFence(lines[j]))) {
                    break; // nothing yet, or a closing fence half arrived: show no backticks as code
                }
                body.add(lines[j]);
            }
            String code = String.join("\n", body);
            String info = line.trim().substring(open.length).trim();
            blocks.add(new CodeBlock(language(info), info, code, closed));
            i = j + 1;
        }
        return blocks;
    }

    /** The normalised language of a fence's info string. */
    public static String language(String info) {
        String first = info.split("[\\s{:,]", 2)[0].toLowerCase(Locale.ROOT);
        if (first.contains(".") && !first.startsWith(".")) {
            first = first.substring(first.lastIndexOf('.') + 1); // ```main.py
        }
        return ALIASES.getOrDefault(first, first);
    }

    private record Fence(char ch, int length) {

        static Fence open(String line) {
            String t = line.stripLeading();
            if (line.length() - t.length() > 3 || t.length() < 3) {
                return null;
            }
            char c = t.charAt(0);
            if (c != '`' && c != '~') {
                return null;
            }
            int n = 0;
            while (n < t.length() && t.charAt(n) == c) {
                n++;
            }
            if (n < 3 || (c == '`' && t.substring(n).contains("`"))) {
                return null;
            }
            return new Fence(c, n);
        }

        boolean closes(String line) {
            String t = line.trim();
            if (t.length() < length || line.length() - line.stripLeading().length() > 3) {
                return false;
            }
            for (int k = 0; k < t.length(); k++) {
                if (t.charAt(k) != ch) {
                    return false;
                }
            }
            return true;
        }

        boolean isPartOfFence(String line) {
            String t = line.trim();
            if (t.isEmpty()) {
                return false;
            }
            for (int k = 0; k < t.length(); k++) {
                if (t.charAt(k) != ch) {
                    return false;
                }
            }
            return true;
        }
    }
}
