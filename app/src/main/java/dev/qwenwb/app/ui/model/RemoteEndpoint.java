package dev.qwenwb.app.ui.model;

import dev.qwenwb.inference.remote.OpenAiEndpoint;

/**
 * An OpenAI-compatible endpoint the user added to the model picker (saved with the app settings, never in a
 * conversation file).
 *
 * @param baseUrl the API root, e.g. {@code http://127.0.0.1:8000/v1}
 * @param model   the model name it serves
 * @param apiKey  the key, or empty to use {@code OPENAI_API_KEY} (or none)
 */
public record RemoteEndpoint(String baseUrl, String model, String apiKey) {

    /** Normalises a missing key to empty. */
    public RemoteEndpoint {
        apiKey = apiKey == null ? "" : apiKey;
    }

    /** What the picker shows: {@code model @ URL}. */
    public String label() {
        return model + " @ " + baseUrl;
    }

    /**
     * @return the endpoint to connect to
     * @throws IllegalArgumentException naming a bad URL or an empty model name
     */
    public OpenAiEndpoint toEndpoint() {
        return OpenAiEndpoint.of(baseUrl, model, apiKey.isBlank() ? null : apiKey);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "RemoteEndpoint[" + label() + (apiKey.isBlank() ? "" : ", key set") + "]";
    }
}
