package dev.qwenwb.inference.generate;

/**
 * A model's tokens as bytes, for constraints that match the output byte by byte (grammars): the engine's own view of
 * what text each id produces.
 */
public interface Vocabulary {

    /** @return the number of token ids (the logits' length) */
    int size();

    /**
     * @param id a token id in [0, size)
     * @return the bytes the token adds to the output, or {@code null} (or empty) for a token that adds no text
     *     (special and control tokens): a grammar never allows those
     */
    byte[] bytes(int id);

    /** @return a vocabulary over these bytes per id (not copied; null entries add no text) */
    static Vocabulary of(byte[][] bytes) {
        return new Vocabulary() {
            @Override
            public int size() {
                return bytes.length;
            }

            @Override
            public byte[] bytes(int id) {
                return bytes[id];
            }
        };
    }
}
