package dev.qwenwb.evaluation.run;

import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.stats.Metrics;
import java.util.List;

/**
 * One line of {@code results.jsonl}: one case × configuration × repeat, with the answer, its timings and
 * every check's verdict.
 *
 * @param config the configuration's name
 * @param caseId the case id
 * @param repeat 0-based repeat index
 * @param text the answer
 * @param metrics timings and token counts
 * @param tokenLatenciesMs per generated token, ms since the previous (the first is the TTFT)
 * @param checks each check's result, in suite order
 * @param verdict the case's verdict: failed if any check failed, timed out or errored; else skipped if any
 *                was skipped; else passed
 * @param error why no answer was produced, or null
 * @param promptText the exact prompt text sent (chat template applied), or null where unknown (replays, and
 *                   runs recorded before the field existed)
 */
public record ResultRecord(String config, String caseId, int repeat, String text, Metrics metrics,
                           double[] tokenLatenciesMs, List<CheckResult> checks, Verdict verdict, String error,
                           String promptText) {

    /** Copies the checks. */
    public ResultRecord {
        checks = List.copyOf(checks);
    }

    /** A result whose prompt text is not known. */
    public ResultRecord(String config, String caseId, int repeat, String text, Metrics metrics,
                        double[] tokenLatenciesMs, List<CheckResult> checks, Verdict verdict, String error) {
        this(config, caseId, repeat, text, metrics, tokenLatenciesMs, checks, verdict, error, null);
    }

    /** @return the key used to resume: config, case, repeat */
    public String key() {
        return key(config, caseId, repeat);
    }

    /** @return the resume key of a case × configuration × repeat */
    public static String key(String config, String caseId, int repeat) {
        return config + "\u0000" + caseId + "\u0000" + repeat;
    }

    /** @return whether every check passed */
    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /** Combines check results into the case verdict. */
    public static Verdict combine(List<CheckResult> checks) {
        boolean skipped = false;
        for (CheckResult c : checks) {
            if (c.verdict() == Verdict.FAILED || c.verdict() == Verdict.TIMED_OUT || c.verdict() == Verdict.ERROR) {
                return Verdict.FAILED;
            }
            skipped |= c.verdict() == Verdict.SKIPPED;
        }
        return skipped ? Verdict.SKIPPED : Verdict.PASSED;
    }
}
