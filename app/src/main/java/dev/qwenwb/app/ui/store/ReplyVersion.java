package dev.qwenwb.app.ui.store;

/**
 * One version of a message's text (user messages have one; a regenerated reply has several).
 *
 * @param text  the markdown text
 * @param stats generation stats (null for user messages)
 * @param error an error shown instead of (or after) the text, or null
 */
public record ReplyVersion(String text, ReplyStats stats, String error) {
}
