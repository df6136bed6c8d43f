package dev.qwenwb.evaluation.report;

import dev.qwenwb.evaluation.run.RunInfo;
import dev.qwenwb.evaluation.run.RunStore;

/** Writes a run folder's {@code summary.json}, {@code report.html} and {@code results.csv} (atomically). */
public final class Reports {

    /** The summary file name. */
    public static final String SUMMARY = "summary.json";
    /** The HTML report file name. */
    public static final String HTML = "report.html";
    /** The CSV file name. */
    public static final String CSV = "results.csv";

    private Reports() {
    }

    /**
     * Reads a run folder.
     *
     * @return its summary
     * @throws IllegalArgumentException if the folder holds no run
     */
    public static RunSummary load(RunStore store) {
        RunInfo info = store.readInfo().orElseThrow(() -> new IllegalArgumentException(store.dir()
                + ": not a run folder (no " + RunStore.INFO + ")"));
        return RunSummary.of(info, store.readResults());
    }

    /**
     * Writes the three report files.
     *
     * @return the summary they were made from
     */
    public static RunSummary write(RunStore store) {
        RunSummary s = load(store);
        store.writeAtomic(SUMMARY, SummaryJson.of(s).toPrettyString());
        store.writeAtomic(HTML, HtmlReport.of(s));
        store.writeAtomic(CSV, CsvReport.of(s));
        return s;
    }
}
