package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.report.CsvReport;
import dev.qwenwb.evaluation.report.HtmlReport;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.report.SummaryJson;

/** The report formats of the evaluation module a run exports to. */
public enum ExportFormat {
    /** The self-contained page with charts and claims ({@code report.html}). */
    HTML("html"),
    /** One row per result ({@code results.csv}). */
    CSV("csv"),
    /** The summary object ({@code summary.json}). */
    JSON("json");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    /** @return the file extension, without the dot */
    public String extension() {
        return extension;
    }

    /** @return the report of {@code s} in this format */
    public String render(RunSummary s) {
        switch (this) {
            case HTML: return HtmlReport.of(s);
            case CSV: return CsvReport.of(s);
            default: return SummaryJson.of(s).toPrettyString();
        }
    }
}
