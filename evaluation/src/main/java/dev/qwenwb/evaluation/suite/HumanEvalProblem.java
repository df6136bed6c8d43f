package dev.qwenwb.evaluation.suite;

/**
 * One HumanEval problem, as in {@code HumanEval.jsonl.gz}.
 *
 * @param taskId e.g. {@code HumanEval/0}
 * @param prompt the function signature and docstring the model completes
 * @param entryPoint the function's name
 * @param canonicalSolution the reference body (continues {@code prompt})
 * @param test the test code, defining {@code check(candidate)}
 */
public record HumanEvalProblem(String taskId, String prompt, String entryPoint, String canonicalSolution,
                               String test) {
}
