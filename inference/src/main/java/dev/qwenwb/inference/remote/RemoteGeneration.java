package dev.qwenwb.inference.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import dev.qwenwb.inference.generate.StatsRecorder;
import dev.qwenwb.inference.generate.SamplingParams;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed generation against an endpoint: the request (retried on 429, 5xx, a refused connection or a stream
 * that breaks before its first text), the SSE stream read delta by delta with the timings taken as they arrive,
 * cancellation between deltas (a watchdog closes the stream, also when it stays silent past the idle limit).
 */
final class RemoteGeneration {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteGeneration.class);

    /** The stream broke before any text: as good as a refused connection, so it may be retried. */
    private static final class DroppedEarly extends Exception {
        DroppedEarly(String why, Throwable cause) {
            super(why, cause);
        }
    }

    private final OpenAiClient client;
    private OpenAiRequests.Built built; // replaced once if the server refuses suffix
    private final SamplingParams sampling;
    private final GenerationListener listener;
    private final GenerationHandle handle;
    private final URI url;

    private final StringBuilder text = new StringBuilder();
    private StatsRecorder clock = new StatsRecorder();
    private int deltas;
    private long finishAt;
    private String finish;
    private boolean stopString;
    private int promptTokens = -1;
    private int completionTokens = -1;
    private int cachedTokens;
    private volatile long lastActivity;
    private volatile boolean idleClosed;

    RemoteGeneration(OpenAiClient client, OpenAiRequests.Built built, SamplingParams sampling,
                     GenerationListener listener, GenerationHandle handle) {
        this.client = client;
        this.built = built;
        this.sampling = sampling;
        this.listener = listener;
        this.handle = handle;
        this.url = client.endpoint().resolve(built.path());
    }

    void run() {
        GenerationResult result = null;
        Throwable error = null;
        try {
            result = attempts();
        } catch (RuntimeException | Error e) {
            error = e;
        }
        handle.finish(listener, result, error);
    }

    private GenerationResult attempts() {
        if (built.hasSuffix() && client.refusesSuffix()) {
            built = built.withFimInPrompt();
        }
        byte[] body = bytes(built);
        int retries = client.endpoint().maxRetries();
        for (int attempt = 0; ; attempt++) {
            clock = new StatsRecorder();
            if (handle.isCancelled()) {
                return result(true);
            }
            boolean canRetry = attempt < retries;
            HttpRequest req = client.request(built.path()).timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<InputStream> r;
            try {
                r = client.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (canRetry && pause(attempt, null, OpenAiClient.describe(e))) {
                    continue;
                }
                throw new EndpointException(url + ": cannot connect (" + (attempt + 1) + " tries): "
                        + OpenAiClient.describe(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.cancel();
                return result(true);
            }
            int sc = r.statusCode();
            if (sc == 200 && r.headers().firstValue("Content-Type").orElse("").contains("json")) {
                return whole(r.body()); // a server that answers in one piece although asked to stream
            }
            if (sc == 200) {
                try {
                    return stream(r.body());
                } catch (DroppedEarly e) {
                    if (canRetry && pause(attempt, null, e.getMessage())) {
                        continue;
                    }
                    throw new EndpointException(url + ": " + e.getMessage() + " (" + (attempt + 1) + " tries)",
                            e.getCause() instanceof IOException io ? io : new IOException(e.getMessage()));
                }
            }
            String msg = OpenAiClient.errorMessage(readAtMost(r.body(), 64 * 1024));
            if (sc == 429 || sc >= 500) {
                if (canRetry && pause(attempt, r.headers().firstValue("Retry-After").orElse(null), "HTTP " + sc)) {
                    continue;
                }
                throw new EndpointException(url + ": HTTP " + sc + " (" + (attempt + 1) + " tries): " + msg);
            }
            if (sc == 400 && built.hasSuffix() && msg.toLowerCase(java.util.Locale.ROOT).contains("suffix")) {
                // vLLM: "suffix is not currently supported"; say it once, then send the rendered FIM prompt
                LOG.info("{} refuses 'suffix' ({}); sending fill-in-the-middle prompts as Qwen2.5-Coder's FIM "
                        + "tokens in 'prompt' from now on", url, msg);
                client.refuseSuffix();
                built = built.withFimInPrompt();
                body = bytes(built);
                attempt--; // not a failed try
                continue;
            }
            if (sc == 401 || sc == 403) {
                throw new IllegalStateException(client.endpoint().baseUrl() + " refused the API key (HTTP " + sc
                        + "): " + msg);
            }
            throw new IllegalArgumentException(url + ": HTTP " + sc + ": " + msg);
        }
    }

    private static byte[] bytes(OpenAiRequests.Built b) {
        try {
            return OpenAiRequests.JSON.writeValueAsBytes(b.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits before a retry; false if the generation was cancelled meanwhile. */
    private boolean pause(int attempt, String retryAfter, String why) {
        long ms = client.backoffMs(attempt, retryAfter);
        LOG.info("{}: {}; retry {} in {} ms", url, why, attempt + 1, ms);
        long end = System.nanoTime() + ms * 1_000_000;
        try {
            while (System.nanoTime() < end) {
                if (handle.isCancelled()) {
                    return false;
                }
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.cancel();
            return false;
        }
        return !handle.isCancelled();
    }

    private GenerationResult stream(InputStream in) throws DroppedEarly {
        lastActivity = System.nanoTime();
        long idleNs = client.endpoint().idleTimeout().toNanos();
        ScheduledFuture<?> dog = client.watchdog().scheduleWithFixedDelay(() -> {
            boolean idle = System.nanoTime() - lastActivity > idleNs;
            if (handle.isCancelled() || idle) {
                idleClosed = idle && !handle.isCancelled();
                closeQuietly(in);
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
        boolean done = false;
        try (SseReader sse = new SseReader(in)) {
            SseReader.Event e;
            while (!handle.isCancelled() && (e = sse.next()) != null) {
                lastActivity = System.nanoTime();
                if (e.data().strip().equals("[DONE]")) {
                    done = true;
                    break;
                }
                chunk(e.data());
            }
        } catch (IOException ex) {
            if (!handle.isCancelled()) {
                throw broken(ex);
            }
        } finally {
            dog.cancel(false);
            closeQuietly(in);
        }
        if (handle.isCancelled()) {
            return result(true);
        }
        if (!done && (finish == null || idleClosed)) {
            throw broken(null);
        }
        return result(false);
    }

    private GenerationResult whole(InputStream in) {
        String body = readAtMost(in, 64 * 1024 * 1024);
        JsonNode n;
        try {
            n = OpenAiRequests.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(url + ": the answer is not JSON: " + OpenAiClient.errorMessage(body));
        }
        JsonNode choice = n.path("choices").path(0);
        JsonNode text = built.chat() ? choice.path("message").path("content") : choice.path("text");
        usage(n.path("usage"));
        if (text.isTextual() && !text.asText().isEmpty()) {
            token(text.asText());
        }
        finish = choice.path("finish_reason").asText(null);
        finishAt = System.nanoTime();
        return result(false);
    }

    /** @return the retryable failure if no text arrived yet; else throws the lost connection */
    private DroppedEarly broken(IOException cause) {
        String why = idleClosed ? "nothing received for " + client.endpoint().idleTimeout().toSeconds() + " s"
                : cause != null ? "the connection was lost (" + OpenAiClient.describe(cause) + ")"
                : "the stream ended before its finish_reason and [DONE]: the connection was lost";
        if (deltas == 0) {
            return new DroppedEarly(why, cause);
        }
        throw new EndpointException(url + ": " + why + " after " + deltas + " deltas",
                cause != null ? cause : new IOException(why));
    }

    private void chunk(String data) {
        JsonNode n;
        try {
            n = OpenAiRequests.JSON.readTree(data);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(url + ": the stream sent something that is not JSON: "
                    + (data.length() > 200 ? data.substring(0, 200) + "…" : data));
        }
        if (n.hasNonNull("error")) {
            throw new IllegalStateException(url + ": the server reported an error mid-stream: "
                    + OpenAiClient.errorMessage(data));
        }
        usage(n.path("usage"));
        JsonNode choice = n.path("choices").path(0);
        if (choice.isObject()) {
            JsonNode d = built.chat() ? choice.path("delta").path("content") : choice.path("text");
            if (d.isTextual() && !d.asText().isEmpty()) {
                token(d.asText());
            }
            JsonNode fr = choice.path("finish_reason");
            if (fr.isTextual()) {
                finish = fr.asText();
                finishAt = System.nanoTime();
                stopString = choice.path("stop_reason").isTextual(); // vLLM names the stop string that matched
            }
        }
    }

    private void usage(JsonNode usage) {
        if (usage.isObject()) {
            promptTokens = usage.path("prompt_tokens").asInt(-1);
            completionTokens = usage.path("completion_tokens").asInt(-1);
            cachedTokens = usage.path("prompt_tokens_details").path("cached_tokens").asInt(0);
        }
    }

    private void token(String delta) {
        clock.token();
        deltas++;
        text.append(delta);
        listener.onToken(-1, delta, clock.live(Math.max(0, promptTokens), cachedTokens));
    }

    private GenerationResult result(boolean cancelled) {
        boolean counted = completionTokens >= 0;
        FinishReason reason = cancelled ? FinishReason.CANCELLED
                : "length".equals(finish) ? FinishReason.MAX_TOKENS
                : stopString ? FinishReason.STOP_STRING : FinishReason.EOS;
        if (!cancelled) {
            client.countedTokens(counted);
        }
        GenerationStats stats = clock.finishDeltas(client.info().loadMs(), promptTokens, cachedTokens,
                completionTokens, finishAt);
        return new GenerationResult(text.toString(), new int[0], reason, stats, sampling, built.promptText());
    }

    private static String readAtMost(InputStream in, int max) {
        try (in) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }
}
