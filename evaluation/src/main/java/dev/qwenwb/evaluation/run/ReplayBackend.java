package dev.qwenwb.evaluation.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.EvalCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Returns recorded answers from a JSON Lines file, one {@code {"case": ID, "text": ANSWER}} per line (a run's
 * {@code results.jsonl} works too): re-scores old answers after a check changes. Several lines for one case
 * serve repeats in order.
 */
public final class ReplayBackend implements Backend {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, List<String>> answers = new HashMap<>();

    /**
     * @param file the JSON Lines file
     * @throws IllegalArgumentException naming file and line for a bad line
     */
    public ReplayBackend(Path file) {
        this.file = file;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the replay file: " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode o;
            try {
                o = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a JSON object");
            }
            if (!o.hasNonNull("case") || !o.hasNonNull("text")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": a replay line needs \"case\" and \"text\"");
            }
            answers.computeIfAbsent(o.get("case").asText(), k -> new ArrayList<>()).add(o.get("text").asText());
        }
    }

    @Override
    public Generation generate(EvalCase evalCase, int repeat) {
        List<String> recorded = answers.get(evalCase.id());
        if (recorded == null) {
            throw new IllegalStateException("no recorded answer for case '" + evalCase.id() + "' in " + file);
        }
        return new Generation(recorded.get(repeat % recorded.size()), Metrics.NONE, new double[0], false);
    }

    @Override
    public String describe() {
        return "replay:" + file;
    }
}
