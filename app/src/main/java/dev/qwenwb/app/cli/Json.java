package dev.qwenwb.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** One JSON object per command, written compactly on one line. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode ints(int[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code ids} after checking each is below {@code vocabSize}, naming the first that is not. */
    static int[] requireInVocabulary(int[] ids, int vocabSize) {
        for (int id : ids) {
            if (id >= vocabSize) {
                throw new IllegalArgumentException("--ids: token id " + id + " is outside the model's vocabulary (0.."
                        + (vocabSize - 1) + ")");
            }
        }
        return ids;
    }

    /** A figure for JSON output: three decimals, 0 for NaN or infinity. */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : 0;
    }

    /** Parses "1,2,3" (spaces allowed) into ids, naming the bad element on failure. */
    static int[] parseIds(String csv) {
        String[] parts = csv.trim().split("\\s*,\\s*");
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--ids: '" + parts[i] + "' (element " + (i + 1)
                        + ") is not a token id; expected comma-separated integers like 9707,1879");
            }
            if (ids[i] < 0) {
                throw new IllegalArgumentException("--ids: token ids are >= 0, got " + ids[i]);
            }
        }
        return ids;
    }
}
