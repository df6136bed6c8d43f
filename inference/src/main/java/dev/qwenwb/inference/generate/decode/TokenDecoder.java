package dev.qwenwb.inference.generate.decode;

/**
 * Turns generated token ids into text as they come, holding back bytes of a character not yet complete. One per
 * generation; special tokens give no text.
 */
public interface TokenDecoder {

    /** @return the text that {@code token} completes (may be empty) */
    String push(int token);

    /** @return whatever was held back (at the end of the generation) */
    String flush();
}
