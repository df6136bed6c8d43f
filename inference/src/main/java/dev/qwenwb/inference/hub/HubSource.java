package dev.qwenwb.inference.hub;

import java.util.Locale;

/** Where models come from: the Hugging Face Hub (or a mirror speaking its protocol) or ModelScope. */
public enum HubSource {

    /** The Hugging Face Hub protocol; {@code HF_ENDPOINT} names a mirror. */
    HUGGING_FACE("hf", "https://huggingface.co", "HF_ENDPOINT", "main"),
    /** ModelScope's own file-list and download API; {@code MODELSCOPE_DOMAIN} names another site. */
    MODELSCOPE("modelscope", "https://www.modelscope.cn", "MODELSCOPE_DOMAIN", "master");

    private final String id;
    private final String defaultEndpoint;
    private final String endpointVariable;
    private final String defaultRevision;

    HubSource(String id, String defaultEndpoint, String endpointVariable, String defaultRevision) {
        this.id = id;
        this.defaultEndpoint = defaultEndpoint;
        this.endpointVariable = endpointVariable;
        this.defaultRevision = defaultRevision;
    }

    /** @return the short name used on the command line and in settings ({@code hf}, {@code modelscope}) */
    public String id() {
        return id;
    }

    /** @return the endpoint used when neither a setting nor the environment names one */
    public String defaultEndpoint() {
        return defaultEndpoint;
    }

    /** @return the environment variable that overrides the default endpoint */
    public String endpointVariable() {
        return endpointVariable;
    }

    /** @return the branch a repo id without {@code @revision} means ({@code main} on the Hub, {@code master} on ModelScope) */
    public String defaultRevision() {
        return defaultRevision;
    }

    /**
     * @param name {@code hf}, {@code huggingface} or {@code modelscope} (any case)
     * @return the source
     * @throws IllegalArgumentException naming the accepted values
     */
    public static HubSource parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "hf":
            case "huggingface":
            case "hugging-face":
                return HUGGING_FACE;
            case "modelscope":
            case "ms":
                return MODELSCOPE;
            default:
                throw new IllegalArgumentException("--source: '" + name + "' is not a model source; expected hf or modelscope");
        }
    }
}
