package dev.qwenwb.inference.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.grammar.ResponseFormat;
import dev.qwenwb.inference.model.GenerationConfig;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model behind an OpenAI-compatible endpoint, as one more {@link Generator}: chat prompts go to
 * {@code /chat/completions} as messages, raw, fill-in-the-middle and repository-level prompts to
 * {@code /completions}; replies stream as Server-Sent Events and every generation reports the same
 * {@link dev.qwenwb.inference.generate.GenerationStats} as the in-process engines, measured from the stream: TTFT
 * (request to the first text delta), one latency per SSE delta, decode tokens/s. Token counts come from the
 * {@code usage} the server sends at the end of the stream; a server that sends none leaves the prompt tokens unknown
 * (-1) and the generated tokens counted as deltas, and {@link #info()} then says {@value #TOKENS_ESTIMATED} (in its
 * {@code dtype}, which is unknown for a remote model). Generations run in parallel, each on its own thread, so an
 * evaluation can keep several in flight; 429, 5xx and refused connections are retried with back-off before the first
 * token. The JDK's {@link HttpClient} carries it: no dependency.
 */
public final class OpenAiClient implements Generator {

    /** What {@link #info()}{@code .dtype()} says once the server was seen not to count tokens. */
    public static final String TOKENS_ESTIMATED = "tokens estimated";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OpenAiEndpoint endpoint;
    private final HttpClient http;
    private final ExecutorService threads;
    private final ScheduledExecutorService watchdog;
    private volatile long loadMs;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger withoutUsage = new AtomicInteger();
    private final AtomicInteger withUsage = new AtomicInteger();
    private final AtomicBoolean refusesSuffix = new AtomicBoolean();
    private volatile long backoffBaseMs = 500;

    private OpenAiClient(OpenAiEndpoint endpoint) {
        this.endpoint = endpoint;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> daemon(r, "openai-client-" + n.incrementAndGet()));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "openai-client-watchdog"));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Connects to {@code endpoint}: lists its models ({@code GET /models}) to check that it is reachable, takes the
     * key and serves the model.
     *
     * @throws IllegalArgumentException one line: unreachable, key refused, or the model not among those it lists
     */
    public static OpenAiClient open(OpenAiEndpoint endpoint) {
        long t0 = System.nanoTime();
        OpenAiClient c = new OpenAiClient(endpoint);
        try {
            c.checkModel();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        c.loadMs = (System.nanoTime() - t0) / 1_000_000;
        return c;
    }

    /** Connects without checking anything (the first generation finds out). */
    public static OpenAiClient unchecked(OpenAiEndpoint endpoint) {
        return new OpenAiClient(endpoint);
    }

    /** Shortens the back-off between retries (tests); the wait before retry {@code n} is {@code base × 2^n}. */
    public OpenAiClient withBackoffBase(Duration base) {
        backoffBaseMs = base.toMillis();
        return this;
    }

    private void checkModel() {
        HttpRequest req = request("models").timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach " + endpoint.baseUrl() + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + endpoint.baseUrl(), e);
        }
        int sc = r.statusCode();
        if (sc == 401 || sc == 403) {
            throw new IllegalArgumentException(endpoint.baseUrl() + " refused the API key (HTTP " + sc + ": "
                    + errorMessage(r.body()) + "): give api_key=… or set " + OpenAiEndpoint.API_KEY_ENV);
        }
        if (sc != 200) {
            LOG.warn("{}: GET /models answered HTTP {}; going on without checking the model name", endpoint.baseUrl(),
                    sc);
            return;
        }
        List<String> ids = new ArrayList<>();
        try {
            for (JsonNode m : OpenAiRequests.JSON.readTree(r.body()).path("data")) {
                ids.add(m.path("id").asText());
            }
        } catch (IOException e) {
            LOG.warn("{}: GET /models did not answer JSON; going on without checking the model name",
                    endpoint.baseUrl());
            return;
        }
        if (!ids.isEmpty() && !ids.contains(endpoint.model())) {
            throw new IllegalArgumentException(endpoint.baseUrl() + " does not serve model '" + endpoint.model()
                    + "'; it lists: " + String.join(", ", ids));
        }
    }

    /** The endpoint this client talks to. */
    public OpenAiEndpoint endpoint() {
        return endpoint;
    }

    /**
     * @return the model name, engine {@code openai}, the URL as source and device, {@value #TOKENS_ESTIMATED} as
     *     {@code dtype} once a generation ended without {@code usage}; sizes and context unknown (0); the load time
     *     is the check made by {@link #open}
     */
    @Override
    public ModelInfo info() {
        String url = endpoint.baseUrl().toString();
        return new ModelInfo(endpoint.model(), "openai", url, 0, 0, url,
                withoutUsage.get() > 0 ? TOKENS_ESTIMATED : "", loadMs, 0, 0, 0);
    }

    /** The server's own defaults apply to every unset field; these stand for them in reports. */
    @Override
    public GenerationConfig defaults() {
        return new GenerationConfig(true, 1.0, 1.0, 0, 1.0, List.of(), null);
    }

    /** @return the text that would be sent (chat: the messages as JSON); ids unknown (empty) */
    @Override
    public RenderedPrompt render(Prompt prompt) {
        OpenAiRequests.Built b = OpenAiRequests.build(GenerationRequest.of(prompt), endpoint.model(), 1);
        return new RenderedPrompt(b.promptText(), new int[0], Set.of(), List.of());
    }

    /** Sessions keep nothing: an endpoint is sent the whole conversation each turn. */
    @Override
    public Session newSession() {
        return Session.stateless(this::start);
    }

    private GenerationHandle start(GenerationRequest request, GenerationListener listener) {
        if (closed.get()) {
            throw new IllegalStateException("the client of " + endpoint.baseUrl() + " is closed");
        }
        if (request.constraint() != null && !(request.constraint() instanceof ResponseFormat)) {
            throw new IllegalArgumentException(endpoint.baseUrl() + ": an output constraint (grammar) cannot be applied "
                    + "to a remote endpoint's tokens; use a local model (a JSON response format is sent on)");
        }
        if (request.sampling().topLogprobs() != null) {
            throw new IllegalArgumentException(endpoint.baseUrl() + ": log-probabilities are not read from remote "
                    + "endpoints yet");
        }
        int maxTokens = request.limits().resolveMaxNewTokens(defaults());
        OpenAiRequests.Built built = OpenAiRequests.build(request, endpoint.model(), maxTokens);
        GenerationHandle handle = new GenerationHandle();
        RemoteGeneration g = new RemoteGeneration(this, built, request.sampling().resolve(defaults()), listener,
                handle);
        threads.execute(g::run);
        return handle;
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(path));
        if (endpoint.apiKey() != null) {
            b.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        endpoint.headers().forEach(b::header);
        return b;
    }

    HttpClient http() {
        return http;
    }

    ScheduledExecutorService watchdog() {
        return watchdog;
    }

    long backoffMs(int retry, String retryAfter) {
        if (retryAfter != null) {
            try {
                return Math.min(30_000, Math.max(0, Long.parseLong(retryAfter.trim()) * 1000));
            } catch (NumberFormatException e) {
                // an HTTP date: fall back to our own back-off
            }
        }
        return Math.min(8_000, backoffBaseMs << Math.min(retry, 10));
    }

    void countedTokens(boolean byServer) {
        (byServer ? withUsage : withoutUsage).incrementAndGet();
    }

    static String describe(Throwable e) {
        if (e instanceof java.net.ConnectException && e.getMessage() == null) {
            return "connection refused";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** The {@code error.message} of an OpenAI error body, else the body cut to one line. */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonNode n = OpenAiRequests.JSON.readTree(body);
            JsonNode e = n.path("error");
            String m = e.isObject() ? e.path("message").asText("") : e.isTextual() ? e.asText() : n.path("message")
                    .asText("");
            if (!m.isEmpty()) {
                return m;
            }
        } catch (IOException e) {
            // not JSON: the text itself
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** Stops the client's threads; generations in flight end with an error. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        watchdog.shutdownNow();
        threads.shutdownNow();
    }

    /** @return whether the server answered a {@code suffix} with 400 (vLLM), so FIM goes in the prompt instead */
    boolean refusesSuffix() {
        return refusesSuffix.get();
    }

    void refuseSuffix() {
        refusesSuffix.set(true);
    }
}
