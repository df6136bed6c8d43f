package dev.qwenwb.inference.prompt;

import java.util.List;
import java.util.Set;

/**
 * A prompt as the model will see it.
 *
 * @param text         the exact text sent (for a {@link Prompt.Tokens} prompt: its ids decoded, special tokens kept)
 * @param ids          its token ids
 * @param stopTokenIds token ids that end this kind of prompt besides the model's eos ids (FIM: the coder tokens)
 * @param stopStrings  texts that end it (repository-level: the next file separator)
 */
public record RenderedPrompt(String text, int[] ids, Set<Integer> stopTokenIds, List<String> stopStrings) {

    public RenderedPrompt {
        ids = ids.clone();
        stopTokenIds = Set.copyOf(stopTokenIds);
        stopStrings = List.copyOf(stopStrings);
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    /** @return the number of prompt tokens */
    public int length() {
        return ids.length;
    }
}
