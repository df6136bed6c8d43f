package dev.qwenwb.inference.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where an OpenAI-compatible model is served and how to reach it: vLLM, Ollama, llama.cpp's {@code llama-server},
 * the workbench's own {@code serve}, or a hosted API.
 *
 * @param baseUrl      the API root, e.g. {@code http://127.0.0.1:8000/v1} (requests go to {@code baseUrl/chat/completions}
 *                     and {@code baseUrl/completions}); a trailing slash is dropped
 * @param model        the model name the endpoint serves (sent as {@code model})
 * @param apiKey       sent as {@code Authorization: Bearer KEY}; null or blank for none
 * @param headers      extra request headers (e.g. an organisation or a proxy's header)
 * @param maxRetries   retries of a 429, a 5xx or a refused connection before the first token (0 = none)
 * @param idleTimeout  a stream that sends nothing for this long is given up (an error, like a dropped connection)
 */
public record OpenAiEndpoint(URI baseUrl, String model, String apiKey, Map<String, String> headers, int maxRetries,
                             Duration idleTimeout) {

    /** The environment variable read when no key is given. */
    public static final String API_KEY_ENV = "OPENAI_API_KEY";

    /** Retries before the first token unless told otherwise. */
    public static final int DEFAULT_RETRIES = 4;

    /** Checks the URL (http or https, absolute) and the model name. */
    public OpenAiEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("endpoint URL '" + baseUrl + "': expected http://HOST[:PORT]/PATH or "
                    + "https://…, e.g. http://127.0.0.1:8000/v1");
        }
        String s = baseUrl.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        baseUrl = URI.create(s);
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("endpoint " + baseUrl + ": no model name given (the name the server "
                    + "lists under GET /v1/models)");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        if (maxRetries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, was " + maxRetries);
        }
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(5) : idleTimeout;
    }

    /**
     * @param baseUrl the API root as a user types it
     * @param model   the model name
     * @param apiKey  the key, or null to read {@value #API_KEY_ENV} (absent: no key)
     * @return the endpoint with default retries, no extra headers and a five-minute idle limit
     * @throws IllegalArgumentException naming what is wrong with the URL or the name
     */
    public static OpenAiEndpoint of(String baseUrl, String model, String apiKey) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl").trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint URL '" + baseUrl + "' is not a URL: " + e.getMessage());
        }
        return new OpenAiEndpoint(uri, model, apiKey != null ? apiKey : System.getenv(API_KEY_ENV), Map.of(),
                DEFAULT_RETRIES, null);
    }

    /** @return a copy with these extra headers */
    public OpenAiEndpoint withHeaders(Map<String, String> h) {
        return new OpenAiEndpoint(baseUrl, model, apiKey, h, maxRetries, idleTimeout);
    }

    /** @return a copy with another retry count */
    public OpenAiEndpoint withRetries(int n) {
        return new OpenAiEndpoint(baseUrl, model, apiKey, headers, n, idleTimeout);
    }

    /** @return a copy with another idle limit */
    public OpenAiEndpoint withIdleTimeout(Duration d) {
        return new OpenAiEndpoint(baseUrl, model, apiKey, headers, maxRetries, d);
    }

    /** @return {@code baseUrl/path} */
    public URI resolve(String path) {
        return URI.create(baseUrl + "/" + path);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "OpenAiEndpoint[" + baseUrl + ", model=" + model + (apiKey != null ? ", key set" : "") + "]";
    }
}
