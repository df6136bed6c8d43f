package dev.qwenwb.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.generate.FinishReason;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import dev.qwenwb.inference.generate.TokenLogprob;
import dev.qwenwb.inference.tools.QwenToolCalls;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The response objects of OpenAI's wire format, as vLLM and llama.cpp's server send them: {@code chat.completion},
 * {@code chat.completion.chunk} and {@code text_completion}, with {@code usage}, and llama.cpp's {@code timings}
 * extension (beside the standard fields, never instead of them).
 */
final class Responses {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The fields every object of one response shares. */
    private final String id;
    private final long created;
    private final String model;
    private final boolean chat;
    private final IntFunction<String> tokenText;

    /**
     * @param id      {@code chatcmpl-…} or {@code cmpl-…}
     * @param created seconds since the epoch
     * @param model   the model name
     * @param chat    a chat completion (else a text completion)
     * @param tokenText the text of one token id (for log-probabilities)
     */
    Responses(String id, long created, String model, boolean chat, IntFunction<String> tokenText) {
        this.tokenText = tokenText;
        this.id = id;
        this.created = created;
        this.model = model;
        this.chat = chat;
    }

    /** @return OpenAI's finish reason: {@code stop} (end of sequence, a stop string) or {@code length} */
    static String finishReason(FinishReason r) {
        return r == FinishReason.MAX_TOKENS || r == FinishReason.CONTEXT_LIMIT ? "length" : "stop";
    }

    /** The whole answer (not streamed): one choice per generation, after {@code queueMs} waiting for a slot. */
    ObjectNode complete(List<GenerationResult> rs, long queueMs) {
        return complete(rs, queueMs, null);
    }

    /**
     * The whole answer, each choice's tool calls (where {@code calls}, one per choice, has any) as OpenAI's
     * {@code tool_calls} with {@code finish_reason: "tool_calls"}.
     */
    ObjectNode complete(List<GenerationResult> rs, long queueMs, List<QwenToolCalls.Parsed> calls) {
        ObjectNode o = head(chat ? "chat.completion" : "text_completion");
        ArrayNode choices = o.putArray("choices");
        for (int i = 0; i < rs.size(); i++) {
            GenerationResult r = rs.get(i);
            ObjectNode c = choices.addObject();
            c.put("index", i);
            QwenToolCalls.Parsed p = calls == null ? null : calls.get(i);
            boolean called = p != null && !p.calls().isEmpty();
            if (chat && called) {
                ObjectNode m = c.putObject("message").put("role", "assistant");
                if (p.content().isEmpty()) {
                    m.putNull("content");
                } else {
                    m.put("content", p.content());
                }
                ArrayNode list = m.putArray("tool_calls");
                p.calls().forEach(call -> list.add(toolCall(call, -1)));
            } else if (chat) {
                c.putObject("message").put("role", "assistant").put("content", r.text());
            } else {
                c.put("text", r.text());
            }
            c.set("logprobs", logprobs(r));
            c.put("finish_reason", called ? "tool_calls" : finishReason(r.finishReason()));
        }
        o.set("usage", usage(rs));
        o.set("timings", timings(rs.get(0).stats(), queueMs));
        return o;
    }

    /** The first chunk of a chat stream's choice {@code index}: the role. */
    ObjectNode roleChunk(int index, boolean includeUsage) {
        ObjectNode o = chunk(includeUsage);
        choice(o, index).putObject("delta").put("role", "assistant").put("content", "");
        return o;
    }

    /** A chunk with new text of choice {@code index}. */
    ObjectNode textChunk(int index, String delta, boolean includeUsage) {
        ObjectNode o = chunk(includeUsage);
        ObjectNode c = choice(o, index);
        if (chat) {
            c.putObject("delta").put("content", delta);
        } else {
            c.put("text", delta);
        }
        return o;
    }

    /** A chunk with choice {@code index}'s tool calls, each whole (name and arguments) in one delta, as vLLM sends them. */
    ObjectNode toolCallsChunk(int index, List<QwenToolCalls.Call> calls, boolean includeUsage) {
        ObjectNode o = chunk(includeUsage);
        ArrayNode list = choice(o, index).putObject("delta").putArray("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
            list.add(toolCall(calls.get(i), i));
        }
        return o;
    }

    private static ObjectNode toolCall(QwenToolCalls.Call call, int index) {
        ObjectNode t = F.objectNode();
        if (index >= 0) {
            t.put("index", index);
        }
        t.put("id", "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        t.put("type", "function");
        t.putObject("function").put("name", call.name()).put("arguments", call.arguments());
        return t;
    }

    /** The chunk with choice {@code index}'s finish reason {@code tool_calls} (and its timings). */
    ObjectNode toolCallsFinishChunk(int index, GenerationResult r, boolean includeUsage, long queueMs) {
        ObjectNode o = finishChunk(index, r, includeUsage, queueMs);
        ((ObjectNode) o.get("choices").get(0)).put("finish_reason", "tool_calls");
        return o;
    }

    /** The chunk with choice {@code index}'s finish reason (and its timings). */
    ObjectNode finishChunk(int index, GenerationResult r, boolean includeUsage, long queueMs) {
        ObjectNode o = chunk(includeUsage);
        ObjectNode c = choice(o, index);
        if (chat) {
            c.putObject("delta");
        } else {
            c.put("text", "");
        }
        c.set("logprobs", logprobs(r)); // every token's, at the end (the deltas do not map one to one on tokens)
        c.put("finish_reason", finishReason(r.finishReason()));
        o.set("timings", timings(r.stats(), queueMs));
        return o;
    }

    /** The last chunk with {@code stream_options.include_usage}: no choices, the usage of them all. */
    ObjectNode usageChunk(List<GenerationResult> rs) {
        ObjectNode o = head(chat ? "chat.completion.chunk" : "text_completion");
        o.putArray("choices");
        o.set("usage", usage(rs));
        return o;
    }

    /**
     * The log-probabilities asked for, in OpenAI's shape: a chat's {@code {"content": [{token, logprob, bytes,
     * top_logprobs}]}}, a text completion's legacy {@code {tokens, token_logprobs, top_logprobs, text_offset}};
     * null when not asked. The end-of-sequence token that ended the answer is left out, as OpenAI does.
     */
    JsonNode logprobs(GenerationResult r) {
        if (r.sampling() == null || r.sampling().topLogprobs() < 0) {
            return F.nullNode();
        }
        List<TokenLogprob> lps = r.logprobs();
        if (r.finishReason() == FinishReason.EOS && !lps.isEmpty()) {
            lps = lps.subList(0, lps.size() - 1);
        }
        ObjectNode o = F.objectNode();
        if (chat) {
            ArrayNode content = o.putArray("content");
            for (TokenLogprob t : lps) {
                ObjectNode e = entry(t.token(), t.logprob());
                ArrayNode top = e.putArray("top_logprobs");
                t.top().forEach(a -> top.add(entry(a.token(), a.logprob())));
                content.add(e);
            }
            o.putNull("refusal");
            return o;
        }
        ArrayNode tokens = o.putArray("tokens");
        ArrayNode values = o.putArray("token_logprobs");
        ArrayNode tops = o.putArray("top_logprobs");
        ArrayNode offsets = o.putArray("text_offset");
        int offset = 0;
        for (TokenLogprob t : lps) {
            String text = tokenText.apply(t.token());
            tokens.add(text);
            values.add(t.logprob());
            ObjectNode top = tops.addObject();
            t.top().forEach(a -> top.put(tokenText.apply(a.token()), a.logprob()));
            offsets.add(offset);
            offset += text.length();
        }
        return o;
    }

    private ObjectNode entry(int token, double logprob) {
        String text = tokenText.apply(token);
        ObjectNode e = F.objectNode();
        e.put("token", text);
        e.put("logprob", logprob);
        ArrayNode bytes = e.putArray("bytes");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            bytes.add(b & 0xff);
        }
        return e;
    }

    private ObjectNode chunk(boolean includeUsage) {
        ObjectNode o = head(chat ? "chat.completion.chunk" : "text_completion");
        if (includeUsage) {
            o.putNull("usage");
        }
        return o;
    }

    private static ObjectNode choice(ObjectNode chunk, int index) {
        ObjectNode c = chunk.putArray("choices").addObject();
        c.put("index", index);
        c.putNull("logprobs");
        c.putNull("finish_reason");
        return c;
    }

    private ObjectNode head(String object) {
        ObjectNode o = F.objectNode();
        o.put("id", id);
        o.put("object", object);
        o.put("created", created);
        o.put("model", model);
        return o;
    }

    /** The prompt counted once, the completions of every choice summed. */
    static ObjectNode usage(List<GenerationResult> rs) {
        GenerationStats s = rs.get(0).stats();
        int completion = rs.stream().mapToInt(r -> r.stats().generatedTokens()).sum();
        ObjectNode u = F.objectNode();
        int prompt = Math.max(0, s.promptTokens());
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        if (s.cachedPromptTokens() > 0) {
            u.putObject("prompt_tokens_details").put("cached_tokens", s.cachedPromptTokens());
        }
        return u;
    }

    /**
     * llama.cpp's {@code timings} names, plus the time to first token ({@code ttft_ms}: from the generation's start
     * in the decode loop to its first token, prefill included) and the time the request waited before that
     * ({@code queue_ms}: from its arrival to a free generation slot). The client's own time to first token is about
     * their sum.
     */
    static ObjectNode timings(GenerationStats s, long queueMs) {
        ObjectNode t = F.objectNode();
        t.put("cache_n", s.cachedPromptTokens());
        t.put("prompt_n", Math.max(0, s.promptTokens() - s.cachedPromptTokens()));
        t.put("prompt_ms", round(s.ttftMs()));
        t.put("prompt_per_second", round(s.prefillTokensPerS()));
        t.put("predicted_n", s.generatedTokens());
        t.put("predicted_ms", round(Math.max(0, s.totalMs() - s.ttftMs())));
        t.put("predicted_per_second", round(s.decodeTokensPerS()));
        t.put("ttft_ms", round(s.ttftMs()));
        t.put("queue_ms", queueMs);
        return t;
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : 0;
    }
}
