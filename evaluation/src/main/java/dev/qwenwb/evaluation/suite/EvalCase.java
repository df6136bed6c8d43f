package dev.qwenwb.evaluation.suite;

import dev.qwenwb.evaluation.check.CheckSpec;
import dev.qwenwb.inference.prompt.Prompt;
import java.util.List;
import java.util.Objects;

/**
 * One case of a suite: what to ask and how to judge the answer.
 *
 * @param id unique within the suite
 * @param title a human title
 * @param language the programming language the answer should be in (python, javascript, dockerfile, …)
 * @param prompt what the model is asked: chat messages, a raw completion, fill-in-the-middle or repository files
 * @param maxTokens at most this many new tokens (0 = the configuration's)
 * @param stop extra stop strings
 * @param checks what decides whether the answer is right
 */
public record EvalCase(String id, String title, String language, Prompt prompt, int maxTokens, List<String> stop,
                       List<CheckSpec> checks) {

    /** Copies the lists. */
    public EvalCase {
        Objects.requireNonNull(prompt, "prompt");
        stop = List.copyOf(stop);
        checks = List.copyOf(checks);
    }
}
