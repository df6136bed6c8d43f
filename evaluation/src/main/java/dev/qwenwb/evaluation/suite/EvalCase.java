package dev.qwenwb.evaluation.suite;

import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.RepoFile;
import java.util.List;

/**
 * One case of a suite: what to ask and how to judge the answer.
 *
 * @param id unique within the suite
 * @param title a human title
 * @param language the programming language the answer should be in (python, javascript, dockerfile, …)
 * @param kind how the prompt is sent
 * @param messages for {@link PromptKind#CHAT}: the messages (a single prompt is one user message)
 * @param text for {@link PromptKind#COMPLETION}: the raw prompt; for {@link PromptKind#FIM}: the prefix
 * @param suffix for {@link PromptKind#FIM}: the code after the hole
 * @param repoName for {@link PromptKind#REPO}: the repository name
 * @param files for {@link PromptKind#REPO}: the files, the open one last
 * @param maxTokens at most this many new tokens (0 = the configuration's)
 * @param stop extra stop strings
 * @param checks what decides whether the answer is right
 */
public record EvalCase(String id, String title, String language, PromptKind kind, List<ChatMessage> messages,
                       String text, String suffix, String repoName, List<RepoFile> files, int maxTokens,
                       List<String> stop, List<CheckSpec> checks) {

    /** Copies the lists. */
    public EvalCase {
        messages = List.copyOf(messages);
        files = List.copyOf(files);
        stop = List.copyOf(stop);
        checks = List.copyOf(checks);
    }
}
