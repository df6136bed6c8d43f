package dev.qwenwb.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the OpenAI request fields this server honours — {@code messages} (system or developer, user, assistant, tool; content as a
 * string or text parts) or {@code prompt} (a string, or token ids) with {@code suffix} for fill-in-the-middle,
 * {@code temperature}, {@code top_p}, {@code max_tokens}/{@code max_completion_tokens}, {@code stop}, {@code seed},
 * {@code n} (up to {@value #MAX_N} choices), {@code stream}, {@code stream_options.include_usage}, and the
 * {@code top_k}, {@code repetition_penalty} and {@code ignore_eos} extensions vLLM accepts — and refuses, naming the
 * field, what it cannot do (echo, best_of); {@code logprobs}/{@code top_logprobs} (chat) and {@code logprobs} N
 * (completions) are honoured; tools, tool choice and response formats are {@link ChatOutput}'s. An unknown field is
 * refused naming it (it would change the output were it honoured); a few harmless ones ({@code user}, {@code store},
 * {@code metadata}, …) are ignored.
 */
final class RequestParser {

    private static final Set<String> ROLES = Set.of(ChatMessage.SYSTEM, ChatMessage.USER, ChatMessage.ASSISTANT,
            ChatMessage.TOOL);

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** Fields a chat request may carry: those honoured, those refused by name below, and harmless ones. */
    private static final Set<String> CHAT_FIELDS = Set.of("model", "messages", "temperature", "top_p", "top_k",
            "max_tokens", "max_completion_tokens", "stop", "seed", "n", "stream", "stream_options",
            "presence_penalty", "frequency_penalty", "logit_bias", "repetition_penalty", "ignore_eos", "logprobs",
            "top_logprobs", "tools", "tool_choice", "parallel_tool_calls", "response_format", "user", "store",
            "metadata", "service_tier", "prompt_cache_key", "safety_identifier", "cache_prompt");
    /** Fields a text completion request may carry. */
    private static final Set<String> COMPLETION_FIELDS = Set.of("model", "prompt", "suffix", "temperature", "top_p",
            "top_k", "max_tokens", "stop", "seed", "n", "stream", "stream_options", "presence_penalty",
            "frequency_penalty", "logit_bias", "repetition_penalty", "ignore_eos", "logprobs", "echo", "best_of",
            "user", "cache_prompt");

    /** The most choices one request may ask for. */
    static final int MAX_N = 16;

    private RequestParser() {
    }

    /**
     * Refuses fields this server would otherwise ignore although they change the output (e.g. {@code min_p},
     * {@code reasoning_effort}, {@code guided_json}); harmless ones ({@code user}, {@code store}, {@code metadata},
     * …) are in the lists above and ignored.
     */
    private static void knownFields(JsonNode root, Set<String> known) {
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            String names = String.join(", ", unknown.subList(0, Math.min(5, unknown.size())));
            throw ApiError.invalid(unknown.get(0), (unknown.size() == 1 ? "unknown field " : "unknown fields ")
                    + (names.length() > 80 ? names.substring(0, 80) + "…" : names) + ": this server does not honour " + (unknown.size() == 1 ? "it" : "them")
                    + " and would answer as if " + (unknown.size() == 1 ? "it were" : "they were")
                    + " absent; remove " + (unknown.size() == 1 ? "it" : "them"));
        }
    }

    static ApiRequest chat(JsonNode root) {
        object(root);
        knownFields(root, CHAT_FIELDS);
        JsonNode ms = Fields.get(root, "messages");
        if (ms == null) {
            throw ApiError.invalid("messages", "messages: required (an array of {\"role\", \"content\"})");
        }
        if (!ms.isArray() || ms.isEmpty()) {
            throw ApiError.invalid("messages", "messages: expected a non-empty array of {\"role\", \"content\"}, got "
                    + Fields.abbreviate(ms));
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < ms.size(); i++) {
            messages.add(message(ms.get(i), "messages[" + i + "]"));
        }
        ChatOutput output = ChatOutput.of(root);
        boolean logprobs = Fields.bool(root, "logprobs", "logprobs");
        Long top = Fields.integer(root, "top_logprobs", 0, 20);
        if (top != null && !logprobs) {
            throw ApiError.invalid("top_logprobs", "top_logprobs: needs \"logprobs\": true");
        }
        Integer topLogprobs = logprobs ? (Integer) (int) (top == null ? 0 : (long) top) : null;
        ApiRequest r = common(root, Prompt.chat(messages, output.tools()), true, "messages", topLogprobs);
        return new ApiRequest(r.generation().withConstraint(output.constraint()), true, r.stream(), r.includeUsage(),
                r.promptParam(), r.n(), output.parseCalls());
    }

    static ApiRequest completion(JsonNode root) {
        object(root);
        knownFields(root, COMPLETION_FIELDS);
        JsonNode p = Fields.get(root, "prompt");
        if (p == null) {
            throw ApiError.invalid("prompt", "prompt: required (a string)");
        }
        String suffix = Fields.text(root, "suffix");
        Prompt prompt;
        JsonNode one = p.isArray() && p.size() == 1 && (p.get(0).isTextual() || p.get(0).isArray()) ? p.get(0) : p;
        if (one.isTextual()) {
            prompt = suffix != null ? Prompt.fim(one.asText(), suffix) : Prompt.raw(one.asText());
        } else if (one.isArray() && !one.isEmpty() && allInts(one)) {
            if (suffix != null) {
                throw ApiError.invalid("suffix", "suffix: needs the prompt as a string, not token ids");
            }
            int[] ids = new int[one.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = one.get(i).asInt();
            }
            prompt = Prompt.tokens(ids);
        } else {
            throw ApiError.invalid("prompt", "prompt: expected a string (or one array of token ids), got "
                    + Fields.abbreviate(p));
        }
        if (Fields.bool(root, "echo", "echo")) {
            throw ApiError.unsupported("echo", "echo");
        }
        Long bestOf = Fields.integer(root, "best_of", 1, Integer.MAX_VALUE);
        if (bestOf != null && bestOf != 1) {
            throw ApiError.unsupported("best_of", "best_of other than 1");
        }
        Long logprobs = Fields.integer(root, "logprobs", 0, 20); // the legacy form: how many alternatives
        return common(root, prompt, false, "prompt", logprobs == null ? null : (int) (long) logprobs);
    }

    private static ApiRequest common(JsonNode root, Prompt prompt, boolean chat, String promptParam,
                                     Integer topLogprobs) {
        Double temperature = Fields.number(root, "temperature", 0, 2, false);
        Double topP = Fields.number(root, "top_p", 0, 1, true);
        Long topK = Fields.integer(root, "top_k", -1, Integer.MAX_VALUE);
        Double penalty = Fields.number(root, "repetition_penalty", 0, 100, true);
        Long seed = Fields.integer(root, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        Double presence = Fields.number(root, "presence_penalty", -2, 2, false);
        Double frequency = Fields.number(root, "frequency_penalty", -2, 2, false);
        Map<Integer, Double> bias = Fields.logitBias(root);
        Long maxTokens = Fields.integer(root, "max_tokens", 1, Integer.MAX_VALUE);
        Long maxCompletion = Fields.integer(root, "max_completion_tokens", 1, Integer.MAX_VALUE);
        Long n = Fields.integer(root, "n", 1, MAX_N);
        List<String> stops = Fields.stops(root);
        boolean stream = Fields.bool(root, "stream", "stream");
        boolean usage = false;
        JsonNode so = Fields.get(root, "stream_options");
        if (so != null) {
            if (!so.isObject()) {
                throw ApiError.invalid("stream_options", "stream_options: expected an object, got " + so);
            }
            usage = Fields.bool(so, "include_usage", "stream_options.include_usage");
        }
        Sampling sampling = new Sampling(null, temperature, topP,
                topK == null ? null : (int) Math.max(0, topK), penalty, seed)
                .withOpenAi(presence, frequency, bias, topLogprobs);
        Long max = maxCompletion != null ? maxCompletion : maxTokens;
        Limits limits = Limits.maxTokens(max == null ? 0 : (int) (long) max).withStopStrings(stops)
                .withIgnoreEos(Fields.bool(root, "ignore_eos", "ignore_eos"));
        return new ApiRequest(new GenerationRequest(prompt, sampling, limits), chat, stream, stream && usage,
                promptParam, n == null ? 1 : (int) (long) n);
    }

    private static ChatMessage message(JsonNode m, String where) {
        if (!m.isObject()) {
            throw ApiError.invalid(where, where + ": expected an object {\"role\", \"content\"}, got " + Fields.abbreviate(m));
        }
        JsonNode role = m.get("role");
        if (role == null || !role.isTextual()) {
            throw ApiError.invalid(where + ".role", where + ".role: expected one of system, user, assistant, tool");
        }
        String r = role.asText().equals("developer") ? ChatMessage.SYSTEM : role.asText(); // OpenAI's newer name
        if (!ROLES.contains(r)) {
            throw ApiError.invalid(where + ".role", where + ".role: unknown role '" + role.asText()
                    + "' (expected system, developer, user, assistant or tool)");
        }
        JsonNode c = m.get("content");
        String content;
        if (c == null || c.isNull()) {
            content = "";
        } else if (c.isTextual()) {
            content = c.asText();
        } else if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < c.size(); i++) {
                JsonNode part = c.get(i);
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw ApiError.invalid(where + ".content[" + i + "]", where + ".content[" + i
                            + "]: only text parts {\"type\": \"text\", \"text\": …} are supported");
                }
                sb.append(part.get("text").asText());
            }
            content = sb.toString();
        } else {
            throw ApiError.invalid(where + ".content", where + ".content: expected a string or an array of text "
                    + "parts, got " + Fields.abbreviate(c));
        }
        return new ChatMessage(r, content, toolCalls(m, where));
    }

    /** An assistant message's {@code tool_calls} ({@code function.arguments} a JSON string, as OpenAI sends it). */
    @SuppressWarnings("unchecked")
    private static List<ToolCall> toolCalls(JsonNode m, String where) {
        JsonNode calls = m.get("tool_calls");
        if (calls == null || calls.isNull()) {
            return List.of();
        }
        if (!calls.isArray()) {
            throw ApiError.invalid(where + ".tool_calls", where + ".tool_calls: expected an array");
        }
        List<ToolCall> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            String w = where + ".tool_calls[" + i + "]";
            JsonNode f = calls.get(i).path("function");
            if (!f.path("name").isTextual() || f.path("name").asText().isBlank()) {
                throw ApiError.invalid(w + ".function.name", w + ".function.name: a tool call needs a name");
            }
            JsonNode args = f.get("arguments");
            Map<String, Object> parsed;
            try {
                JsonNode a = args == null || args.isNull() ? JSON.createObjectNode()
                        : args.isTextual() ? JSON.readTree(args.asText()) : args;
                if (!a.isObject()) {
                    throw new IllegalArgumentException("not an object");
                }
                parsed = JSON.convertValue(a, Map.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                throw ApiError.invalid(w + ".function.arguments", w + ".function.arguments: expected a JSON object "
                        + "(as a string), got " + Fields.abbreviate(args));
            }
            out.add(new ToolCall(f.get("name").asText(), parsed));
        }
        return out;
    }

    private static void object(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw ApiError.invalid(null, "the request body must be a JSON object");
        }
    }

    private static boolean allInts(JsonNode a) {
        for (JsonNode x : a) {
            if (!x.isIntegralNumber() || !x.canConvertToInt() || x.asInt() < 0) {
                return false;
            }
        }
        return true;
    }
}
