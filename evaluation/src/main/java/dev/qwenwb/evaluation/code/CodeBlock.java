package dev.qwenwb.evaluation.code;

/**
 * A fenced code block found in a reply.
 *
 * @param language normalised language (python, javascript, …; "text" when the fence names none)
 * @param info     the whole info string after the opening fence
 * @param code     the code (without fences)
 * @param closed   whether the closing fence has arrived (false while it streams)
 */
public record CodeBlock(String language, String info, String code, boolean closed) {
}
