package dev.qwenwb.evaluation.suite;

/** How a case's prompt reaches the model. */
public enum PromptKind {
    /** Chat messages rendered with the model's chat template (a single {@code prompt} is one user message). */
    CHAT,
    /** Raw text the model continues, no chat template. */
    COMPLETION,
    /** Fill-in-the-middle: {@code <|fim_prefix|>…<|fim_suffix|>…<|fim_middle|>}. */
    FIM,
    /** Repository-level: {@code <|repo_name|>} and {@code <|file_sep|>} files, the last one open. */
    REPO
}
