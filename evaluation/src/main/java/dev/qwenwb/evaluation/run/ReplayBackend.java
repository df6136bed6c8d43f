package dev.qwenwb.evaluation.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.evaluation.stats.Metrics;
import dev.qwenwb.evaluation.suite.BoundedText;
import dev.qwenwb.evaluation.suite.EvalCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Returns recorded answers from a JSON Lines file, one {@code {"case": ID, "text": ANSWER}} per line (a run's
 * {@code results.jsonl} works too): re-scores old answers after a check changes. Several lines for one case
 * serve repeats in order. A line longer than {@link #MAX_LINE_BYTES} or not UTF-8 is refused, naming its line.
 */
public final class ReplayBackend implements Backend {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The longest line read (16 MB), checked while reading; Jackson itself refuses strings over 20 M characters. */
    public static final int MAX_LINE_BYTES = 16 << 20;

    private final Path file;
    private final Map<String, List<String>> answers = new HashMap<>();

    /**
     * @param file the JSON Lines file
     * @throws IllegalArgumentException naming file and line for a bad line
     */
    public ReplayBackend(Path file) {
        this.file = file;
        try (BoundedText.Lines lines = BoundedText.lines(file, MAX_LINE_BYTES)) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + ":" + lines.number() + ": not a JSON object");
                }
                if (!o.isObject() || !o.hasNonNull("case") || !o.hasNonNull("text")) {
                    throw new IllegalArgumentException(file + ":" + lines.number()
                            + ": a replay line needs \"case\" and \"text\"");
                }
                answers.computeIfAbsent(o.get("case").asText(), k -> new ArrayList<>()).add(o.get("text").asText());
            }
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException(file + ": cannot read the replay file: " + e.getCause().getMessage(),
                    e.getCause());
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
