package dev.qwenwb.evaluation.check;

/**
 * A check: a function of an answer to a verdict, with no state of its own (promptfoo's assertion). Checks
 * that run code start a child process but leave nothing behind.
 */
@FunctionalInterface
public interface Check {

    /**
     * @param answer the answer to judge
     * @return pass, score and reason
     */
    CheckResult evaluate(Answer answer);
}
