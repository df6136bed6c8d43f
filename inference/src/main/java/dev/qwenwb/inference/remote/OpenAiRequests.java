package dev.qwenwb.inference.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.Limits;
import dev.qwenwb.inference.generate.Sampling;
import dev.qwenwb.inference.grammar.ResponseFormat;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.CoderPrompts;
import dev.qwenwb.inference.prompt.Prompt;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link GenerationRequest} as OpenAI's wire format says it: chat prompts as {@code messages} to
 * {@code chat/completions}; raw, fill-in-the-middle (through {@code suffix}) and repository-level prompts as
 * {@code prompt} to {@code completions}; always streamed, with {@code stream_options.include_usage} so the server
 * counts the tokens. Unset sampling fields are left out (the server's defaults apply); {@code top_k},
 * {@code repetition_penalty}, {@code ignore_eos} and {@code stop_token_ids} (extensions vLLM and llama.cpp's server
 * accept) are sent only when they change something, so strict hosted APIs accept the rest. A {@link ResponseFormat}
 * constraint is sent as {@code response_format}.
 */
final class OpenAiRequests {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A request body and where it goes.
     *
     * @param path       {@code chat/completions} or {@code completions}
     * @param body       the JSON body
     * @param promptText what the result reports as the prompt (the text sent, or the messages as JSON)
     * @param chat       whether replies come as {@code delta.content} (else {@code text})
     */
    record Built(String path, ObjectNode body, String promptText, boolean chat) {

        /** @return whether this is a fill-in-the-middle request sent with {@code suffix} */
        boolean hasSuffix() {
            return body.has("suffix");
        }

        /**
         * The same request for a server that refuses {@code suffix} (vLLM): Qwen2.5-Coder's fill-in-the-middle
         * prompt, rendered here with its special tokens, as a plain {@code prompt}.
         */
        Built withFimInPrompt() {
            ObjectNode b = body.deepCopy();
            b.remove("suffix");
            b.put("prompt", promptText);
            return new Built(path, b, promptText, chat);
        }
    }

    private OpenAiRequests() {
    }

    /**
     * @param request   what the caller asked for
     * @param model     the endpoint's model name
     * @param maxTokens new tokens at most (resolved by the caller)
     * @throws IllegalArgumentException for a token-id prompt (an endpoint takes text)
     */
    static Built build(GenerationRequest request, String model, int maxTokens) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        Prompt p = request.prompt();
        List<String> stops = new ArrayList<>(request.limits().stopStrings());
        String path;
        String promptText;
        boolean chat = false;
        if (p instanceof Prompt.Chat c) {
            path = "chat/completions";
            chat = true;
            ArrayNode messages = body.putArray("messages");
            for (ChatMessage m : c.messages()) {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
            promptText = messages.toString();
        } else if (p instanceof Prompt.Raw r) {
            path = "completions";
            body.put("prompt", r.text());
            promptText = r.text();
        } else if (p instanceof Prompt.Fim f) {
            path = "completions";
            body.put("prompt", f.prefix());
            body.put("suffix", f.suffix());
            promptText = CoderPrompts.fim(f.prefix(), f.suffix());
        } else if (p instanceof Prompt.Repo r) {
            path = "completions";
            promptText = CoderPrompts.repoLevel(r.repoName(), r.files());
            body.put("prompt", promptText);
            CoderPrompts.STOP_STRINGS.stream().filter(s -> !stops.contains(s)).forEach(stops::add);
        } else {
            throw new IllegalArgumentException("a prompt of token ids cannot be sent to an OpenAI-compatible "
                    + "endpoint (it takes text or chat messages): send the text instead");
        }
        body.put("max_tokens", maxTokens);
        sampling(body, request.sampling());
        if (!stops.isEmpty()) {
            ArrayNode a = body.putArray("stop");
            stops.forEach(a::add);
        }
        Limits l = request.limits();
        if (l.ignoreEos()) {
            body.put("ignore_eos", true);
        }
        if (!l.stopTokenIds().isEmpty()) {
            ArrayNode a = body.putArray("stop_token_ids");
            l.stopTokenIds().stream().sorted().forEach(a::add);
        }
        if (request.constraint() instanceof ResponseFormat f) {
            body.set("response_format", f.toJson());
        }
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        return new Built(path, body, promptText, chat);
    }

    private static void sampling(ObjectNode body, Sampling s) {
        if (Boolean.TRUE.equals(s.greedy())) {
            body.put("temperature", 0.0);
        } else {
            if (s.temperature() != null) {
                body.put("temperature", s.temperature());
            }
            if (s.topP() != null) {
                body.put("top_p", s.topP());
            }
            if (s.topK() != null && s.topK() > 0) {
                body.put("top_k", s.topK());
            }
        }
        if (s.repetitionPenalty() != null && s.repetitionPenalty() != 1.0) {
            body.put("repetition_penalty", s.repetitionPenalty());
        }
        if (s.seed() != null) {
            body.put("seed", s.seed());
        }
        if (s.presencePenalty() != null && s.presencePenalty() != 0) {
            body.put("presence_penalty", s.presencePenalty());
        }
        if (s.frequencyPenalty() != null && s.frequencyPenalty() != 0) {
            body.put("frequency_penalty", s.frequencyPenalty());
        }
        if (s.logitBias() != null && !s.logitBias().isEmpty()) {
            ObjectNode bias = body.putObject("logit_bias");
            s.logitBias().forEach((id, b) -> bias.put(String.valueOf(id), b));
        }
    }
}
