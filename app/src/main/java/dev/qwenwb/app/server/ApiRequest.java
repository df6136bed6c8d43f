package dev.qwenwb.app.server;

import dev.qwenwb.inference.generate.GenerationRequest;

/**
 * A parsed {@code /v1/chat/completions} or {@code /v1/completions} request.
 *
 * @param generation   what to generate
 * @param chat         a chat completion (else a text completion)
 * @param stream       answer as Server-Sent Events
 * @param includeUsage with {@code stream}: a last chunk with {@code usage} and no choices
 * @param promptParam  the field that holds the prompt ({@code messages} or {@code prompt}), for errors
 * @param n            choices to generate (each a sequence of the batch)
 * @param toolCalls    tools were offered: the reply is read for tool calls
 */
record ApiRequest(GenerationRequest generation, boolean chat, boolean stream, boolean includeUsage,
                  String promptParam, int n, boolean toolCalls) {

    /** A request whose reply is text only. */
    ApiRequest(GenerationRequest generation, boolean chat, boolean stream, boolean includeUsage, String promptParam,
               int n) {
        this(generation, chat, stream, includeUsage, promptParam, n, false);
    }
}
