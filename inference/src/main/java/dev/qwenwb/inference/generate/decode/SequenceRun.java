package dev.qwenwb.inference.generate.decode;

import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.PreparedRequest;
import dev.qwenwb.inference.generate.StatsRecorder;
import dev.qwenwb.inference.generate.StopStrings;
import dev.qwenwb.inference.generate.TokenLogprob;
import dev.qwenwb.inference.generate.sampling.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generation in the {@link DecodeLoop}: its prompt, sampling chain, stops, text so far and clock. The loop feeds
 * it the logits of its next position ({@link #accept}); it chooses the token, streams the text, and says when it is
 * done and why. Model thread only.
 */
final class SequenceRun {

    private static final Logger LOG = LoggerFactory.getLogger(SequenceRun.class);

    final GenerationRequest request;
    final GenerationListener listener;
    final GenerationHandle handle;

    private PreparedRequest req;
    private Sampler sampler;
    private TokenDecoder decoder;
    private StopStrings stops;
    private int longestStop;
    private StatsRecorder clock;
    private final StringBuilder text = new StringBuilder();
    private final List<TokenLogprob> logprobs = new ArrayList<>();
    private int emitted;
    private int[] context;       // prompt then generated ids; room for the whole cache and the last token
    private int contextLength;
    private int reused;          // prompt tokens served from the cache
    private int kvLength;        // tokens the sequence's cache holds
    private int slot = -1;
    private FinishReason reason;

    SequenceRun(GenerationRequest request, GenerationListener listener, GenerationHandle handle) {
        this.request = request;
        this.listener = listener;
        this.handle = handle;
    }

    /**
     * Starts the run in {@code slot}, whose cache already holds the first {@code reused} prompt tokens.
     *
     * @param startNanos when the generation started running (the clock's zero)
     */
    void start(PreparedRequest prepared, int slot, int reused, EngineContext ctx, long startNanos) {
        int capacity = ctx.capacity();
        this.req = prepared;
        this.slot = slot;
        this.reused = reused;
        this.kvLength = reused;
        this.decoder = ctx.newDecoder();
        this.clock = new StatsRecorder(startNanos);
        this.sampler = new Sampler(prepared.sampling(), prepared.constraint() == null ? null
                : prepared.constraint().create(ctx.vocabulary(), prepared.eosIds()));
        this.stops = new StopStrings(prepared.stopStrings());
        this.longestStop = prepared.stopStrings().stream().mapToInt(String::length).max().orElse(0);
        int[] prompt = prepared.promptIds();
        this.context = Arrays.copyOf(prompt, capacity + 1);
        this.contextLength = prompt.length;
        listener.onPrefill(prompt.length, prompt.length - reused);
    }

    int slot() {
        return slot;
    }

    PreparedRequest prepared() {
        return req;
    }

    /** @return the tokens to run next: the prompt's uncached part first, then each generated token */
    Chunk nextChunk() {
        int promptLength = req.promptIds().length;
        if (kvLength < promptLength) {
            return new Chunk(slot, context, kvLength, promptLength - kvLength, kvLength);
        }
        return new Chunk(slot, context, contextLength - 1, 1, kvLength);
    }

    /**
     * The chunk from {@link #nextChunk} ran: chooses the next token from its logits and streams its text.
     *
     * @return whether the generation is finished
     */
    boolean accept(Chunk ran, float[] logits, int capacity) {
        boolean prefill = kvLength < req.promptIds().length;
        kvLength += ran.n();
        if (prefill) {
            clock.prefilled();
        }
        int promptLength = req.promptIds().length;
        Sampler.Choice choice = sampler.next(logits, context, promptLength, contextLength);
        if (choice.none()) {
            LOG.warn("the output constraint allows no token after {} generated tokens: ending the generation",
                    contextLength - promptLength);
            reason = FinishReason.EOS;
            text.append(decoder.flush());
            listener.onToken(-1, text.substring(emitted), clock.live(promptLength, reused));
            emitted = text.length();
            return true;
        }
        int token = choice.token();
        clock.token();
        if (choice.logprob() != null) {
            logprobs.add(choice.logprob());
        }
        context[contextLength++] = token;
        int n = contextLength - promptLength;
        boolean eos = req.eosIds().contains(token);
        if (!eos) {
            text.append(decoder.push(token));
        }
        if (eos) {
            reason = FinishReason.EOS;
        } else if (n == req.maxNewTokens()) {
            reason = FinishReason.MAX_TOKENS;
        } else if (handle.isCancelled()) {
            reason = FinishReason.CANCELLED;
        } else if (kvLength >= capacity) {
            reason = FinishReason.CONTEXT_LIMIT;
        }
        if (reason != null) {
            text.append(decoder.flush());
        }
        int stopAt = stops.find(text, Math.max(0, emitted - longestStop));
        if (stopAt >= 0) {
            text.setLength(stopAt);
            reason = FinishReason.STOP_STRING;
        }
        int visible = reason != null ? text.length() : Math.max(emitted, stops.safeLength(text));
        listener.onToken(token, text.substring(emitted, visible), clock.live(promptLength, reused));
        emitted = visible;
        return reason != null;
    }

    /** @return the ids the sequence's cache holds now */
    int[] cachedIds() {
        return Arrays.copyOf(context, kvLength);
    }

    /** @return the finished generation */
    GenerationResult result(long loadMs, long peakRssMb, long gpuMemoryMb) {
        int promptLength = req.promptIds().length;
        return new GenerationResult(text.toString(), Arrays.copyOfRange(context, promptLength, contextLength), reason,
                clock.finish(loadMs, promptLength, reused, peakRssMb, gpuMemoryMb), req.sampling(), req.promptText(),
                logprobs);
    }
}
