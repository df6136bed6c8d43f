package dev.qwenwb.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.generate.decode.EngineModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenAI-compatible HTTP server over one {@link Generator}, on the JDK's own {@link HttpServer} (no dependency;
 * Server-Sent Events are a chunked response flushed per event). {@code GET /v1/models}, {@code POST
 * /v1/chat/completions}, {@code POST /v1/completions}, {@code GET /health}. Up to {@link ServerOptions#parallel()}
 * generations run together (on a local engine, as sequences of one {@link EngineModel#newSession(int) batched
 * session}: they join and leave between decode steps), in arrival order; up to {@link ServerOptions#queue()} more
 * wait and later ones are refused with 429. A client that disconnects — streaming or not, generating or waiting —
 * is noticed at the next write (each token, or a keep-alive while it waits) and its generation cancelled or its
 * place in the queue given up. Every refusal is a JSON error in OpenAI's shape; a bad request never stops the
 * server. The server does not close the generator: its owner does (it closes the batched session it opened).
 */
public final class OpenAiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiServer.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final Generator generator;
    private final ServerOptions options;
    private final BrowserGuard guard;
    private final HttpServer http;
    private final ExecutorService threads;
    private final Semaphore admitted;
    private final Semaphore slot;
    private final Generator.Session session;
    private final Set<String> modelNames = new LinkedHashSet<>();
    private final Set<CompletionExchange> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    private OpenAiServer(Generator generator, ServerOptions options, HttpServer http, ExecutorService threads) {
        this.generator = generator;
        this.options = options;
        this.guard = new BrowserGuard(options);
        this.http = http;
        this.threads = threads;
        this.admitted = new Semaphore(options.parallel() + options.queue());
        this.slot = new Semaphore(options.parallel(), true);
        this.session = generator instanceof EngineModel local ? local.newSession(options.parallel())
                : Generator.Session.stateless(generator::generate);
        modelNames.add(generator.info().name());
        modelNames.addAll(options.aliases());
    }

    /**
     * Binds and starts serving {@code generator}.
     *
     * @throws IOException when the address cannot be bound (in use, not this machine's)
     */
    public static OpenAiServer start(Generator generator, ServerOptions options) throws IOException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openai-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
        } catch (IOException e) {
            threads.shutdown();
            throw new IOException("cannot listen on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        OpenAiServer s = new OpenAiServer(generator, options, http, threads);
        http.setExecutor(threads);
        http.createContext("/", s::handle);
        http.start();
        LOG.info("serving {} at {}", generator.info().name(), s.baseUrl());
        return s;
    }

    /** @return {@code http://HOST:PORT/v1}, with the port actually bound */
    public URI baseUrl() {
        String h = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + h + ":" + port() + "/v1");
    }

    /** @return the port bound (the free one picked for port 0) */
    public int port() {
        return http.getAddress().getPort();
    }

    /** @return the generator served */
    public Generator generator() {
        return generator;
    }

    /** @return requests admitted now: generating or waiting (tests) */
    int admittedCount() {
        return options.parallel() + options.queue() - admitted.availablePermits();
    }

    /** Stops accepting, cancels the generations in flight, and waits for them (a few seconds at most). */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        inFlight.forEach(CompletionExchange::cancel);
        http.stop(0);
        threads.shutdown();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
        try {
            session.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the batched session: {}", e.toString());
        }
        LOG.info("stopped serving {}", generator.info().name());
    }

    private void handle(HttpExchange ex) {
        try {
            route(ex);
        } catch (ApiError e) {
            sendError(ex, e);
        } catch (RuntimeException | Error e) {
            LOG.warn("{} {}: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString(), e);
            sendError(ex, new ApiError(500, "server_error", "internal error: " + e.getMessage(), null, null));
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex) {
        if (guard.check(ex)) {
            return; // a preflight, answered
        }
        String path = ex.getRequestURI().getPath();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String method = ex.getRequestMethod();
        if (path.equals("/health")) {
            requireMethod(ex, "GET");
            sendJson(ex, 200, JSON.createObjectNode().put("status", "ok"));
            return;
        }
        if (path.equals("/v1") || path.startsWith("/v1/")) {
            authorize(ex);
        }
        switch (path) {
            case "/v1/models":
                requireMethod(ex, "GET");
                sendJson(ex, 200, models());
                return;
            case "/v1/chat/completions":
                requireMethod(ex, "POST");
                completion(ex, true);
                return;
            case "/v1/completions":
                requireMethod(ex, "POST");
                completion(ex, false);
                return;
            default:
                if (path.startsWith("/v1/models/")) {
                    requireMethod(ex, "GET");
                    String id = path.substring("/v1/models/".length()); // getPath() is decoded already
                    if (!modelNames.contains(id)) {
                        throw new ApiError(404, "not_found_error", "The model `" + id + "` does not exist; this "
                                + "server serves `" + generator.info().name() + "`", "model", "model_not_found");
                    }
                    sendJson(ex, 200, models().get("data").get(0));
                    return;
                }
                throw new ApiError(404, "not_found_error", "Invalid URL (" + method + " " + path + ")", null,
                        "unknown_url");
        }
    }

    private void completion(HttpExchange ex, boolean chat) {
        JsonNode root = readJson(ex);
        checkModel(root);
        ApiRequest req = chat ? RequestParser.chat(root) : RequestParser.completion(root);
        if (closing) {
            throw new ApiError(503, "unavailable_error", "the server is shutting down", null, null);
        }
        CompletionExchange c = new CompletionExchange(generator, session, req, ex);
        c.checkPrompt(options.nPredict());
        if (!admitted.tryAcquire()) {
            ex.getResponseHeaders().set("Retry-After", "1");
            throw new ApiError(429, "rate_limit_error", "the server is busy: " + (options.parallel() + options.queue())
                    + " requests are already running or waiting; try again later", null, "queue_full");
        }
        inFlight.add(c);
        try {
            c.begin();
            int permits = Math.min(c.slots(), options.parallel()); // n > 1: one per choice
            if (!c.awaitTurn(slot, permits)) {
                return; // the client left while waiting
            }
            try {
                if (closing) {
                    throw new ApiError(503, "unavailable_error", "the server is shutting down", null, null);
                }
                c.run();
            } finally {
                slot.release(permits);
            }
        } finally {
            inFlight.remove(c);
            admitted.release();
        }
    }

    private void checkModel(JsonNode root) {
        JsonNode m = root == null ? null : root.get("model");
        if (m == null || m.isNull()) {
            return;
        }
        if (!m.isTextual()) {
            throw ApiError.invalid("model", "model: expected a string, got " + m);
        }
        if (!modelNames.contains(m.asText())) {
            throw new ApiError(404, "not_found_error", "The model `" + m.asText() + "` does not exist; this server "
                    + "serves `" + generator.info().name() + "`", "model", "model_not_found");
        }
    }

    private ObjectNode models() {
        ModelInfo i = generator.info();
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ObjectNode m = root.putArray("data").addObject();
        m.put("id", i.name());
        m.put("object", "model");
        m.put("created", 0);
        m.put("owned_by", "qwen-workbench");
        if (i.contextLength() > 0) {
            m.put("max_model_len", i.contextLength());
        }
        return root;
    }

    private void authorize(HttpExchange ex) {
        String key = options.apiKey();
        if (key == null) {
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8))) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "authentication_error", given == null
                    ? "missing API key: send it as the header 'Authorization: Bearer KEY'" : "invalid API key", null,
                    "invalid_api_key");
        }
    }

    private static void requireMethod(HttpExchange ex, String method) {
        if (!ex.getRequestMethod().equalsIgnoreCase(method)) {
            ex.getResponseHeaders().set("Allow", method);
            throw new ApiError(405, "invalid_request_error", ex.getRequestMethod() + " is not allowed on "
                    + ex.getRequestURI().getPath() + " (use " + method + ")", null, "method_not_allowed");
        }
    }

    private JsonNode readJson(HttpExchange ex) {
        byte[] body = readBody(ex);
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw ApiError.invalid(null, "the request body is empty: expected a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw ApiError.invalid(null, "the request body is refused: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw ApiError.invalid(null, "the request body is not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiError.invalid(null, "cannot read the request body: " + e.getMessage());
        }
    }

    /** Reads the body, refusing one over the limit (drained first, within reason, so the client reads the 413). */
    private byte[] readBody(HttpExchange ex) {
        int max = options.maxBodyBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        long length = -1;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalid(null, "Content-Length '" + declared + "' is not a number");
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] data = in.readNBytes(max + 1);
            if (data.length > max || length > max) {
                byte[] sink = new byte[1 << 16]; // read, not skip: the JDK's body stream skips past its end
                long drain = 16L * max;
                int n;
                while (drain > 0 && (n = in.read(sink)) > 0) {
                    drain -= n;
                }
                throw new ApiError(413, "invalid_request_error", "the request body is larger than " + (max >> 20)
                        + " MiB", null, "request_too_large");
            }
            return data;
        } catch (IOException e) {
            throw ApiError.invalid(null, "cannot read the request body: " + e.getMessage());
        }
    }

    private static void sendError(HttpExchange ex, ApiError e) {
        if (ex.getResponseCode() != -1) {
            return; // headers went out already: the stream itself says what happened
        }
        sendJson(ex, e.status(), e.body());
    }

    static void sendJson(HttpExchange ex, int status, JsonNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            LOG.debug("client went away before the response: {}", e.toString());
        }
    }
}
