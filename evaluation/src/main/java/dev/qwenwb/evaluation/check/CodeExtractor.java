package dev.qwenwb.evaluation.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the code out of a chatty answer (EvalPlus' sanitizer, simplified): fenced blocks with or without a
 * language tag, several blocks, an unterminated last block (cut by the token limit), or an answer that is only
 * code.
 */
public final class CodeExtractor {

    private static final Pattern FENCE = Pattern.compile("(?m)^[ \\t]*(`{3,}|~{3,})[ \\t]*([\\w+#.-]*)[^\\n]*\\n");

    private CodeExtractor() {
    }

    /** A fenced block: its language tag (lower case, may be empty) and its code. */
    public record Block(String tag, String code) {
    }

    /**
     * @param text an answer
     * @return every fenced block in order; empty if the answer has none
     */
    public static List<Block> blocks(String text) {
        List<Block> out = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from)) {
            String fence = m.group(1);
            String tag = m.group(2).toLowerCase(Locale.ROOT);
            Pattern close = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(fence) + "[ \\t]*$");
            Matcher c = close.matcher(text);
            if (c.find(m.end())) {
                out.add(new Block(tag, text.substring(m.end(), c.start())));
                from = c.end();
            } else {
                out.add(new Block(tag, text.substring(m.end())));
                break;
            }
        }
        return out;
    }

    /**
     * The code to run for {@code language}: the blocks tagged with it (or untagged) joined in order,
     * preferring blocks that mention one of {@code entries}; the whole answer if it has no fences.
     *
     * @param text the answer
     * @param language {@code python}, {@code javascript}, {@code dockerfile}, …
     * @param entries names the code should define (may be empty)
     * @return the code, possibly empty
     */
    public static String extract(String text, String language, List<String> entries) {
        List<Block> blocks = blocks(text);
        if (blocks.isEmpty()) {
            return text.strip().isEmpty() ? "" : text;
        }
        Set<String> tags = tags(language);
        List<Block> matching = new ArrayList<>();
        for (Block b : blocks) {
            if (b.tag().isEmpty() || tags.contains(b.tag())) {
                matching.add(b);
            }
        }
        if (matching.isEmpty()) {
            matching = blocks;
        }
        List<Block> withEntry = new ArrayList<>();
        for (Block b : matching) {
            if (entries.stream().anyMatch(e -> b.code().contains(e))) {
                withEntry.add(b);
            }
        }
        List<Block> chosen = withEntry.isEmpty() ? matching : withEntry;
        StringBuilder sb = new StringBuilder();
        for (Block b : chosen) {
            sb.append(b.code()).append('\n');
        }
        return sb.toString();
    }

    private static Set<String> tags(String language) {
        switch (language == null ? "" : language.toLowerCase(Locale.ROOT)) {
            case "python": return Set.of("python", "py", "python3");
            case "javascript": return Set.of("javascript", "js", "node", "mjs", "typescript", "ts");
            case "dockerfile": return Set.of("dockerfile", "docker");
            case "json": return Set.of("json");
            default: return Set.of(language.toLowerCase(Locale.ROOT));
        }
    }
}
