package dev.qwenwb.evaluation.check;

import dev.qwenwb.evaluation.code.CodeBlock;
import dev.qwenwb.evaluation.code.CodeFences;
import dev.qwenwb.evaluation.code.Languages;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the code out of a chatty answer (EvalPlus' sanitizer, simplified), over the one fence finder
 * {@link CodeFences}: fenced blocks with or without a language tag, several blocks, an unterminated last block (cut
 * by the token limit), or an answer that is only code.
 */
public final class CodeExtractor {

    private CodeExtractor() {
    }

    /**
     * The code to run for {@code language}: the blocks tagged with it (or untagged) joined in order,
     * preferring blocks that mention one of {@code entries}; the whole answer if it has no fences.
     *
     * @param text the answer
     * @param language {@code python}, {@code javascript}, {@code dockerfile}, … (aliases allowed)
     * @param entries names the code should define (may be empty)
     * @return the code, possibly empty
     */
    public static String extract(String text, String language, List<String> entries) {
        List<CodeBlock> blocks = CodeFences.find(text.endsWith("\n") ? text : text + "\n");
        if (blocks.isEmpty()) {
            return text.strip().isEmpty() ? "" : text;
        }
        String wanted = Languages.normalise(language);
        List<CodeBlock> matching = new ArrayList<>();
        for (CodeBlock b : blocks) {
            if (matches(b.language(), wanted)) {
                matching.add(b);
            }
        }
        if (matching.isEmpty()) {
            matching = blocks;
        }
        List<CodeBlock> withEntry = new ArrayList<>();
        for (CodeBlock b : matching) {
            if (entries.stream().anyMatch(e -> b.code().contains(e))) {
                withEntry.add(b);
            }
        }
        List<CodeBlock> chosen = withEntry.isEmpty() ? matching : withEntry;
        StringBuilder sb = new StringBuilder();
        for (CodeBlock b : chosen) {
            sb.append(b.code()).append('\n');
        }
        return sb.toString();
    }

    /** An untagged block counts for any language; TypeScript blocks are run as JavaScript (node strips nothing). */
    private static boolean matches(String block, String wanted) {
        return block.equals("text") || block.equals(wanted)
                || (wanted.equals("javascript") && block.equals("typescript"));
    }
}
