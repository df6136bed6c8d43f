package dev.qwenwb.inference.prompt;

/** A prompt the model cannot take (no chat template, empty prompt): bad input, named in one line. */
public class PromptException extends IllegalArgumentException {

    public PromptException(String message) {
        super(message);
    }
}
