package dev.qwenwb.inference.generate;

/** Receives a generation as it happens, on the engine's thread: keep the callbacks short. */
public interface GenerationListener {

    /** The prompt is being prefilled ({@code newTokens} not served from the cache). */
    default void onPrefill(int promptTokens, int newTokens) {
    }

    /**
     * A token was generated. {@code textDelta} is the new text it completes (may be empty while a multi-byte
     * character or a possible stop string is held back); {@code tokenId} is -1 where the engine does not know ids
     * (a remote endpoint); {@code live} is what has been measured so far.
     */
    default void onToken(int tokenId, String textDelta, LiveStats live) {
    }

    /** The generation ended (normally, by cancellation or by error: {@code error} non-null, {@code result} null). */
    default void onFinish(GenerationResult result, Throwable error) {
    }

    GenerationListener NONE = new GenerationListener() { };
}
