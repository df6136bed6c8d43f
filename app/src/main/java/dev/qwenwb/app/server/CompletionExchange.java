package dev.qwenwb.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.LiveStats;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.generate.PromptTooLongException;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import dev.qwenwb.inference.tools.QwenToolCalls;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One completion request being answered: the prompt checked against the context before it queues, then either the
 * whole answer as one JSON object or a stream of Server-Sent Events written from the request's own thread (the model
 * thread only queues the deltas, so a slow client never holds the model up).
 *
 * <p>The JDK's server gives no sign that a client left, so the connection is checked by writing to it: a stream
 * writes each token (or an SSE comment for a token without text, or every {@value #KEEPALIVE_MS} ms while it waits
 * its turn); a whole answer commits its status and headers at its first token (or once it has waited
 * {@value #KEEPALIVE_MS} ms) and then writes one space per token before the JSON (leading whitespace is valid JSON).
 * A write that fails cancels the generation at its next token, or gives up the request's place in the queue. The
 * price: a whole answer that fails after that point can only say so in the body of a 200.
 */
final class CompletionExchange {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionExchange.class);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SSE_KEEPALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] JSON_KEEPALIVE = " ".getBytes(StandardCharsets.UTF_8);
    /** How often a waiting request checks its connection. */
    static final long KEEPALIVE_MS = 250;
    /** A token without text (the listener's marker). */
    private static final Object TICK = new Object();

    /** What the listeners hand the writing thread: a choice's text delta, a tick, a choice's result, a failure. */
    private record Failure(Throwable error) {
    }

    private record Delta(int index, String text) {
    }

    private record Done(int index, GenerationResult result) {
    }

    private final Generator generator;
    private final Generator.Session session;
    private final ApiRequest req;
    private final HttpExchange ex;
    private final Responses wire;
    private volatile List<GenerationHandle> handles = List.of();
    private volatile boolean cancelled;
    private OutputStream out;
    private boolean broken;
    private boolean committed;
    private long arrived;
    private long queueMs;
    private int clampedTo; // max_tokens cut to the context's space left or --n-predict (as llama-server); 0 = not
    private GenerationRequest generation; // the request's, its max_tokens cut by checkPrompt

    CompletionExchange(Generator generator, Generator.Session session, ApiRequest req, HttpExchange ex) {
        this.generator = generator;
        this.session = session;
        this.req = req;
        this.ex = ex;
        this.generation = req.generation();
        String id = (req.chat() ? "chatcmpl-" : "cmpl-") + UUID.randomUUID().toString().replace("-", "");
        this.wire = new Responses(id, System.currentTimeMillis() / 1000, generator.info().name(), req.chat(),
                token -> generator.render(Prompt.tokens(new int[] {token})).text());
    }

    /**
     * Refuses, before queueing, a prompt the model cannot take (no template, longer than the context), and cuts the
     * new tokens asked for (or the default) to the context's space left and to the server's {@code --n-predict}, as
     * llama.cpp's server does; the answer then says so ({@code X-Max-Tokens-Clamped}, {@code timings}).
     *
     * @param nPredict the server's cap on new tokens per choice; {@link ServerOptions#NO_N_PREDICT} for none
     */
    void checkPrompt(int nPredict) {
        ModelInfo info = generator.info();
        try {
            RenderedPrompt p = generator.render(req.generation().prompt());
            if (info.contextLength() > 0 && p.length() >= info.contextLength()) {
                throw new PromptTooLongException(p.length(), info.contextLength(), info.maxPositions());
            }
            int cap = nPredict == ServerOptions.NO_N_PREDICT ? Integer.MAX_VALUE : nPredict;
            if (info.contextLength() > 0) {
                cap = Math.min(cap, info.contextLength() - p.length() + 1); // the last token needs no cache room
            }
            Limits limits = generation.limits();
            if (limits.resolveMaxNewTokens(generator.defaults()) > cap) {
                clampedTo = cap;
                ex.getResponseHeaders().set("X-Max-Tokens-Clamped", Integer.toString(cap));
                generation = generation.withLimits(limits.withMaxNewTokens(cap));
            }
        } catch (IllegalArgumentException e) {
            throw refusal(e);
        }
    }

    private ApiError refusal(IllegalArgumentException e) {
        return e instanceof PromptTooLongException
                ? new ApiError(400, "invalid_request_error", e.getMessage() + "; the server's context is set with "
                        + "serve --context N", req.promptParam(), "context_length_exceeded")
                : ApiError.invalid(req.promptParam(), req.promptParam() + ": " + e.getMessage());
    }

    /** Answers a streaming request at once with its headers (and a chat's role chunk), before it waits its turn. */
    void begin() {
        arrived = System.nanoTime();
        if (!req.stream()) {
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        try {
            ex.sendResponseHeaders(200, 0); // chunked: each event is flushed as it comes
            out = ex.getResponseBody();
            committed = true;
        } catch (IOException e) {
            broken = true;
            return;
        }
        for (int i = 0; req.chat() && i < req.n(); i++) {
            event(wire.roleChunk(i, req.includeUsage()));
        }
    }

    /**
     * Waits for one of the server's generation slots, checking every {@value #KEEPALIVE_MS} ms that the client is
     * still there.
     *
     * @return true holding a slot; false when the client left (no slot held)
     * @throws ApiError 503 when the server closes meanwhile
     */
    boolean awaitTurn(Semaphore slots, int permits) {
        try {
            while (!slots.tryAcquire(permits, KEEPALIVE_MS, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    throw new ApiError(503, "unavailable_error", "the server is shutting down", null, null);
                }
                keepAlive();
                if (broken) {
                    LOG.info("client went away while queued; request dropped");
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        queueMs = (System.nanoTime() - arrived) / 1_000_000;
        return true;
    }

    /**
     * Generates (on the model's thread) and answers; the caller holds {@link #slots()} of the server's generation
     * slots. With {@code n} &gt; 1 the choices are sequences of the batch too, each with its own seed ({@code seed}
     * + its index when a seed is given; else each draws its own).
     */
    void run() {
        if (broken || cancelled) {
            return; // the client left while waiting
        }
        int n = req.n();
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        GenerationHandle[] started = new GenerationHandle[n];
        try {
            for (int i = 0; i < n; i++) {
                int index = i;
                GenerationRequest g = generation;
                Long seed = g.sampling().seed();
                if (n > 1 && seed != null) {
                    g = g.withSampling(g.sampling().withSeed(seed + i));
                }
                started[i] = session.generate(g, new GenerationListener() {
                    @Override
                    public void onToken(int tokenId, String textDelta, LiveStats live) {
                        events.add(textDelta.isEmpty() || !req.stream() ? TICK : new Delta(index, textDelta));
                    }

                    @Override
                    public void onFinish(GenerationResult result, Throwable error) {
                        events.add(error != null ? new Failure(error) : new Done(index, result));
                    }
                });
            }
        } catch (RuntimeException e) {
            for (GenerationHandle h : started) {
                if (h != null) {
                    h.cancel();
                }
            }
            fail(e);
            return;
        }
        handles = List.of(started);
        if (cancelled) {
            cancelAll();
        }
        GenerationResult[] results = new GenerationResult[n];
        ToolCallStream[] tools = new ToolCallStream[n]; // with tools offered: a call's text is held back
        for (int i = 0; i < n && req.toolCalls(); i++) {
            tools[i] = new ToolCallStream();
        }
        int done = 0;
        while (done < n) {
            Object e;
            try {
                e = events.take();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                cancelAll();
                return;
            }
            if (e == TICK) {
                if (events.peek() != TICK) { // one check for a run of ticks the writer fell behind on
                    keepAlive();
                }
            } else if (e instanceof Delta d) {
                String text = tools[d.index()] == null ? d.text() : tools[d.index()].push(d.text());
                if (!text.isEmpty()) {
                    event(wire.textChunk(d.index(), text, req.includeUsage()));
                }
            } else if (e instanceof Done d) {
                results[d.index()] = d.result();
                done++;
                if (req.stream()) {
                    finishChoice(d.index(), d.result(), tools[d.index()]);
                }
            } else {
                cancelAll();
                fail(((Failure) e).error());
                return;
            }
        }
        finish(List.of(results));
    }

    /** Streams choice {@code index}'s end: its tool calls (or the text held back for one), then its finish reason. */
    private void finishChoice(int index, GenerationResult r, ToolCallStream tools) {
        QwenToolCalls.Parsed calls = tools == null ? null : QwenToolCalls.parse(r.text());
        if (calls != null && !calls.calls().isEmpty()) {
            event(wire.toolCallsChunk(index, calls.calls(), req.includeUsage()));
            event(noteClamp(wire.toolCallsFinishChunk(index, r, req.includeUsage(), queueMs)));
            return;
        }
        if (tools != null && !tools.rest(r.text()).isEmpty()) {
            event(wire.textChunk(index, tools.rest(r.text()), req.includeUsage()));
        }
        event(noteClamp(wire.finishChunk(index, r, req.includeUsage(), queueMs)));
    }

    /** @return the generation slots this request takes: one per choice, at most the server's parallelism */
    int slots() {
        return req.n();
    }

    /** Stops the generations at their next token (the server is closing). */
    void cancel() {
        cancelled = true;
        cancelAll();
    }

    private void cancelAll() {
        handles.forEach(GenerationHandle::cancel);
    }

    private void finish(List<GenerationResult> rs) {
        if (!req.stream()) {
            ObjectNode body = wire.complete(rs, queueMs, req.toolCalls()
                    ? rs.stream().map(r -> QwenToolCalls.parse(r.text())).toList() : null);
            noteClamp(body);
            if (committed) {
                write(body.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                OpenAiServer.sendJson(ex, 200, body);
            }
            return;
        }
        if (req.includeUsage()) {
            event(wire.usageChunk(rs));
        }
        write(DONE);
    }

    /** Says in {@code timings} that {@code max_tokens} was cut to the space the context had left or to the cap. */
    private ObjectNode noteClamp(ObjectNode answer) {
        if (clampedTo > 0 && answer.get("timings") instanceof ObjectNode t) {
            t.put("max_tokens_clamped_to", clampedTo);
        }
        return answer;
    }

    /** Checks the connection by writing what the answer's format ignores. */
    private void keepAlive() {
        if (req.stream()) {
            write(SSE_KEEPALIVE);
            return;
        }
        if (!committed && !broken) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            try {
                ex.sendResponseHeaders(200, 0);
                out = ex.getResponseBody();
                committed = true;
            } catch (IOException e) {
                broken = true;
                return;
            }
        }
        write(JSON_KEEPALIVE);
    }

    private void fail(Throwable t) {
        ApiError e = t instanceof IllegalArgumentException iae ? refusal(iae)
                : new ApiError(500, "server_error", "generation failed: " + t.getMessage(), null, null);
        if (!committed) {
            throw e; // answered as an error with its own status
        }
        LOG.warn("generation failed after the answer began: {}", t.toString());
        if (req.stream()) {
            event(e.body());
            write(DONE);
        } else {
            write(e.body().toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void event(JsonNode data) {
        write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        if (broken) {
            return;
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            broken = true;
            cancelAll();
            LOG.info("client went away ({}); generation cancelled", e.toString());
        }
    }
}
