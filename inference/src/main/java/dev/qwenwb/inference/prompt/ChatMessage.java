package dev.qwenwb.inference.prompt;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation, as a chat template sees it.
 *
 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool} (other roles are passed
 *     through; the template decides what to do with them)
 * @param content the text; never {@code null} ({@code null} becomes the empty string)
 * @param toolCalls the function calls of an assistant message; empty for all other messages
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls) {

    /** Role of the instructions that precede the conversation. */
    public static final String SYSTEM = "system";
    /** Role of the person chatting. */
    public static final String USER = "user";
    /** Role of the model. */
    public static final String ASSISTANT = "assistant";
    /** Role of a function's result, sent back to the model. */
    public static final String TOOL = "tool";

    /** Validates the role and normalises {@code null} content and tool calls to empty values. */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (role.isBlank()) {
            throw new IllegalArgumentException("message role is blank");
        }
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A system message: instructions that replace the template's default system prompt. */
    public static ChatMessage system(String content) {
        return new ChatMessage(SYSTEM, content, List.of());
    }

    /** A user message. */
    public static ChatMessage user(String content) {
        return new ChatMessage(USER, content, List.of());
    }

    /** An assistant message without tool calls. */
    public static ChatMessage assistant(String content) {
        return new ChatMessage(ASSISTANT, content, List.of());
    }

    /** An assistant message that calls functions; {@code content} may be empty. */
    public static ChatMessage assistant(String content, List<ToolCall> toolCalls) {
        return new ChatMessage(ASSISTANT, content, toolCalls);
    }

    /** A function's result sent back to the model. */
    public static ChatMessage tool(String content) {
        return new ChatMessage(TOOL, content, List.of());
    }

    /** Whether this message carries function calls. */
    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }
}
