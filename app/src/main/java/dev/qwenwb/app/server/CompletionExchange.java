package dev.qwenwb.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.Generator;
import dev.qwenwb.inference.generate.LiveStats;
import dev.qwenwb.inference.generate.ModelInfo;
import dev.qwenwb.inference.generate.PromptTooLongException;
import dev.qwenwb.inference.prompt.RenderedPrompt;
import dev.qwenwb.inference.tools.QwenToolCalls;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One completion request being answered: the prompt checked against the context before it queues, then either the
 * whole answer as one JSON object or a stream of Server-Sent Events written from the request's own thread (the model
 * thread only queues the deltas, so a slow client never holds the model up). A write that fails — the client went
 * away — cancels the generation at its next token.
 */
final class CompletionExchange {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionExchange.class);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    /** What the listener hands the writing thread: a text delta, the result, or a failure. */
    private record Failure(Throwable error) {
    }

    private final Generator generator;
    private final ApiRequest req;
    private final HttpExchange ex;
    private final Responses wire;
    private volatile GenerationHandle handle;
    private volatile boolean cancelled;
    private OutputStream out;
    private boolean broken;

    CompletionExchange(Generator generator, ApiRequest req, HttpExchange ex) {
        this.generator = generator;
        this.req = req;
        this.ex = ex;
        String id = (req.chat() ? "chatcmpl-" : "cmpl-") + UUID.randomUUID().toString().replace("-", "");
        this.wire = new Responses(id, System.currentTimeMillis() / 1000, generator.info().name(), req.chat());
    }

    /** Refuses, before queueing, a prompt the model cannot take (no template, longer than the context). */
    void checkPrompt() {
        ModelInfo info = generator.info();
        try {
            RenderedPrompt p = generator.render(req.generation().prompt());
            if (info.contextLength() > 0 && p.length() >= info.contextLength()) {
                throw new PromptTooLongException(p.length(), info.contextLength(), info.maxPositions());
            }
            int asked = req.generation().limits().maxNewTokens();
            int left = info.contextLength() - p.length();
            if (info.contextLength() > 0 && asked > left) { // clamped as llama.cpp's server does, and said so
                ex.getResponseHeaders().set("X-Max-Tokens-Clamped", left + "; max_tokens " + asked
                        + " is more than the " + left + " tokens the context leaves after the prompt");
            }
        } catch (IllegalArgumentException e) {
            throw refusal(e);
        }
    }

    private ApiError refusal(IllegalArgumentException e) {
        return e instanceof PromptTooLongException
                ? new ApiError(400, "invalid_request_error", e.getMessage(), req.promptParam(), "context_length_exceeded")
                : ApiError.invalid(req.promptParam(), req.promptParam() + ": " + e.getMessage());
    }

    /** Answers a streaming request at once with its headers (and a chat's role chunk), before it waits its turn. */
    void begin() {
        if (!req.stream()) {
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        try {
            ex.sendResponseHeaders(200, 0); // chunked: each event is flushed as it comes
            out = ex.getResponseBody();
        } catch (IOException e) {
            broken = true;
            return;
        }
        if (req.chat()) {
            event(wire.roleChunk(req.includeUsage()));
        }
    }

    /** Generates (on the model's thread) and answers; the caller holds the server's one generation slot. */
    void run() {
        if (req.stream()) {
            stream();
        } else {
            whole();
        }
    }

    /** Stops the generation at its next token (the server is closing). */
    void cancel() {
        cancelled = true;
        GenerationHandle h = handle;
        if (h != null) {
            h.cancel();
        }
    }

    private void whole() {
        GenerationResult r;
        try {
            handle = generator.generate(req.generation(), GenerationListener.NONE);
            if (cancelled) {
                handle.cancel();
            }
            r = handle.await();
        } catch (IllegalArgumentException e) {
            throw refusal(e);
        }
        OpenAiServer.sendJson(ex, 200, wire.complete(r, req.toolCalls() ? QwenToolCalls.parse(r.text()) : null));
    }

    private void stream() {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        GenerationListener listener = new GenerationListener() {
            @Override
            public void onToken(int tokenId, String textDelta, LiveStats live) {
                if (!textDelta.isEmpty()) {
                    events.add(textDelta);
                }
            }

            @Override
            public void onFinish(GenerationResult result, Throwable error) {
                events.add(error != null ? new Failure(error) : result);
            }
        };
        if (broken || cancelled) {
            return; // the client left while waiting
        }
        try {
            handle = generator.generate(req.generation(), listener);
        } catch (RuntimeException e) {
            error(e);
            return;
        }
        if (cancelled) {
            handle.cancel();
        }
        ToolCallStream tools = req.toolCalls() ? new ToolCallStream() : null;
        while (true) {
            Object e;
            try {
                e = events.take();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                handle.cancel();
                return;
            }
            if (e instanceof String delta) {
                String text = tools == null ? delta : tools.push(delta);
                if (!text.isEmpty()) {
                    event(wire.textChunk(text, req.includeUsage()));
                }
            } else if (e instanceof GenerationResult r) {
                QwenToolCalls.Parsed calls = tools == null ? null : tools.finish(r.text());
                if (calls != null && !calls.calls().isEmpty()) {
                    event(wire.toolCallsChunk(calls.calls(), req.includeUsage()));
                    event(wire.toolCallsFinishChunk(r, req.includeUsage()));
                } else {
                    if (tools != null && !tools.rest(r.text()).isEmpty()) {
                        event(wire.textChunk(tools.rest(r.text()), req.includeUsage()));
                    }
                    event(wire.finishChunk(r, req.includeUsage()));
                }
                if (req.includeUsage()) {
                    event(wire.usageChunk(r));
                }
                write(DONE);
                return;
            } else {
                error(((Failure) e).error());
                return;
            }
        }
    }

    private void error(Throwable t) {
        LOG.warn("generation failed mid-stream: {}", t.toString());
        ApiError e = t instanceof IllegalArgumentException iae ? refusal(iae)
                : new ApiError(500, "server_error", "generation failed: " + t.getMessage(), null, null);
        event(e.body());
        write(DONE);
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
            GenerationHandle h = handle;
            if (h != null) {
                h.cancel();
            }
            LOG.info("client went away mid-stream ({}); generation cancelled", e.toString());
        }
    }
}
