package dev.qwenwb.inference.tokenizer;

/**
 * Keeps DJL's tokenizers library off the network. Before loading its native library it may ping
 * the cloud metadata service (usage tracking) and, on a machine with CUDA, download a CUDA build of
 * the library; neither is needed to tokenize. Both are switched off through their documented
 * settings unless the user has set them, which leaves DJL's engine downloads untouched.
 */
final class DjlOffline {

    private DjlOffline() {}

    static void apply() {
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("RUST_FLAVOR", "cpu"); // the bundled CPU library; tokenizing needs no GPU
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getenv(key) == null && System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
