package dev.qwenwb.evaluation.check;

import dev.qwenwb.evaluation.exec.Verdict;

/**
 * A check's verdict on one answer.
 *
 * @param type the check type as written (with {@code not-})
 * @param verdict passed, failed, timed out, error or skipped
 * @param score 0..1 (fraction of rules or tests met where a check knows it)
 * @param reason why, in words a person understands
 */
public record CheckResult(String type, Verdict verdict, double score, String reason) {

    /** @return whether the check passed */
    public boolean pass() {
        return verdict == Verdict.PASSED;
    }

    static CheckResult passed(String type, String reason) {
        return new CheckResult(type, Verdict.PASSED, 1, reason);
    }

    static CheckResult failed(String type, String reason) {
        return new CheckResult(type, Verdict.FAILED, 0, reason);
    }

    static CheckResult of(String type, boolean pass, String reason) {
        return pass ? passed(type, reason) : failed(type, reason);
    }
}
