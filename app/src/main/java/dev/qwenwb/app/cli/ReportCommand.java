package dev.qwenwb.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.evaluation.report.Comparison;
import dev.qwenwb.evaluation.report.Reports;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.report.SummaryJson;
import dev.qwenwb.evaluation.run.RunStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report}: rebuilds a run folder's reports; with two folders, also compares them. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuild summary.json, report.html and results.csv of a run folder from its results.jsonl.",
                "With a second run folder: compare them (pass/fail flips, latency ratios) into",
                "RUN_DIR2/compare.html and RUN_DIR2/compare.json."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run folder (the old one when comparing)")
    Path first;

    @Parameters(index = "1", arity = "0..1", paramLabel = "RUN_DIR2", description = "a second run folder (the new one)")
    Path second;

    @Option(names = "--json", description = "print the summary (or the comparison) as one JSON object")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunStore as = store(first);
        if (second != null) {
            String suiteA = suite(as);
            String suiteB = suite(store(second));
            if (!suiteA.equals(suiteB)) {
                throw new IllegalArgumentException(second + ": a run of suite '" + suiteB + "', but " + first
                        + " is a run of suite '" + suiteA + "'; only runs of the same suite can be compared");
            }
        }
        RunSummary a = Reports.write(as);
        if (second == null) {
            out.println(json ? Json.write(SummaryJson.of(a)) : "report: " + first.resolve(Reports.HTML));
            out.flush();
            return 0;
        }
        RunStore bs = store(second);
        RunSummary b = Reports.write(bs);
        ObjectNode c = Comparison.json(a, b);
        bs.writeAtomic("compare.json", c.toPrettyString());
        bs.writeAtomic("compare.html", Comparison.html(c, first.toString(), second.toString()));
        if (json) {
            out.println(Json.write(c));
        } else {
            for (JsonNode p : c.path("pairs")) {
                out.printf("%s → %s: pass rate %s → %s, %d verdicts changed%n", p.path("old").asText(),
                        p.path("new").asText(), p.path("pass_rate_old").asText(), p.path("pass_rate_new").asText(),
                        p.path("flips").size());
                for (JsonNode f : p.path("flips")) {
                    out.printf("  %s: %s → %s (%s) %s%n", f.path("case").asText(), f.path("old").asText(),
                            f.path("new").asText(), f.path("change").asText(), f.path("reason").asText());
                }
            }
            if (c.path("pairs").isEmpty()) {
                out.println("no configuration of the two runs pairs up (same name, or one each)");
            }
            out.println("comparison: " + second.resolve("compare.html"));
        }
        out.flush();
        return 0;
    }

    private static String suite(RunStore store) {
        return store.readInfo().orElseThrow(() -> new IllegalArgumentException(store.dir()
                + ": not a run folder (no readable " + RunStore.INFO + ")")).suiteName();
    }

    private static RunStore store(Path dir) {
        if (!Files.isRegularFile(dir.resolve(RunStore.INFO))) {
            throw new IllegalArgumentException(dir + ": not a run folder (no " + RunStore.INFO + ")");
        }
        return new RunStore(dir);
    }
}
