package dev.qwenwb.inference.generate;

/** The prompt does not fit the context window (with room for at least one new token). */
public class PromptTooLongException extends IllegalArgumentException {

    private final int promptTokens;
    private final int contextTokens;

    /**
     * @param promptTokens      the prompt's length
     * @param contextTokens     the context in use
     * @param modelMaxPositions the most the model allows (0 where unknown)
     */
    public PromptTooLongException(int promptTokens, int contextTokens, int modelMaxPositions) {
        super("the prompt is " + promptTokens + " tokens but the context holds " + contextTokens
                + " (and needs room for at least one new token): shorten the prompt or raise the context length"
                + (contextTokens < modelMaxPositions ? " (the model allows up to " + modelMaxPositions + ")" : ""));
        this.promptTokens = promptTokens;
        this.contextTokens = contextTokens;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int contextTokens() {
        return contextTokens;
    }
}
