package dev.qwenwb.evaluation.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads {@code HumanEval.jsonl.gz} (openai/human-eval, MIT; see assets/suites/humaneval/). */
public final class HumanEvalData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HumanEvalData() {
    }

    /**
     * @param file {@code .jsonl.gz} or plain {@code .jsonl}
     * @return the problems in file order
     * @throws IllegalArgumentException naming file and line for a malformed record
     */
    public static List<HumanEvalProblem> load(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<HumanEvalProblem> out = new ArrayList<>();
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o = JSON.readTree(line);
                for (String f : new String[] {"task_id", "prompt", "entry_point", "canonical_solution", "test"}) {
                    if (!o.hasNonNull(f)) {
                        throw new IllegalArgumentException(file + ":" + n + ": HumanEval record without '" + f + "'");
                    }
                }
                out.add(new HumanEvalProblem(o.get("task_id").asText(), o.get("prompt").asText(),
                        o.get("entry_point").asText(), o.get("canonical_solution").asText(), o.get("test").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read HumanEval: " + e.getMessage(), e);
        }
    }
}
