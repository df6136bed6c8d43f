package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.check.CheckResult;
import dev.qwenwb.evaluation.exec.Verdict;
import dev.qwenwb.evaluation.run.ResultRecord;
import java.util.List;

/**
 * One case × configuration of the grid: its results (one per repeat, in repeat order) and whether it is being
 * answered now.
 *
 * @param config   the configuration
 * @param caseId   the case
 * @param results  recorded results, repeat order; empty while none
 * @param inFlight the case is being answered for this configuration now
 */
public record Cell(String config, String caseId, List<ResultRecord> results, boolean inFlight) {

    /** Copies the results. */
    public Cell {
        results = List.copyOf(results);
    }

    /** @return the first repeat's result, or null */
    public ResultRecord first() {
        return results.isEmpty() ? null : results.get(0);
    }

    /**
     * @return the verdict shown: the first repeat's when there is one repeat; with repeats, passed only when every
     *         repeat passed, failed when one failed; null without results
     */
    public Verdict verdict() {
        if (results.isEmpty()) {
            return null;
        }
        if (results.size() == 1) {
            return results.get(0).verdict();
        }
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.FAILED)) {
            return Verdict.FAILED;
        }
        return results.stream().allMatch(ResultRecord::passed) ? Verdict.PASSED : Verdict.SKIPPED;
    }

    /** @return the most telling verdict for colour: timed out or error when a failing check says so */
    public Verdict shade() {
        ResultRecord r = first();
        if (r == null) {
            return null;
        }
        Verdict v = verdict();
        if (v == Verdict.FAILED && r.error() != null) {
            return Verdict.ERROR;
        }
        if (v == Verdict.FAILED) {
            for (CheckResult c : r.checks()) {
                if (c.verdict() == Verdict.TIMED_OUT || c.verdict() == Verdict.ERROR) {
                    return c.verdict();
                }
            }
        }
        return v;
    }

    /** @return repeats that passed */
    public long passes() {
        return results.stream().filter(ResultRecord::passed).count();
    }

    /** @return why the first repeat did not pass: "type: reason" of each check that did not, in suite order */
    public List<String> reasons() {
        ResultRecord r = first();
        if (r == null) {
            return List.of();
        }
        return r.checks().stream().filter(c -> !c.pass()).map(c -> c.type() + ": " + c.reason()).toList();
    }
}
