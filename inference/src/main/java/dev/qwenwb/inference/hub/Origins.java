package dev.qwenwb.inference.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where each snapshot of a repo came from (source and endpoint), which the Hub's layout does not record: kept
 * beside it in {@code models--org--name/.workbench-sources.json} ({@code {"<commit>": {"source", "endpoint",
 * "revision"}}}), a file the Python tools ignore. Snapshots without an entry were put there by another tool.
 */
final class Origins {

    /** The file's name inside the repo folder. */
    static final String FILE = ".workbench-sources.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Origins() {
    }

    /**
     * Where one snapshot came from.
     *
     * @param source   {@code hf} or {@code modelscope}
     * @param endpoint the endpoint it was downloaded from
     * @param revision the revision asked for
     */
    record Origin(String source, String endpoint, String revision) {
    }

    /** @return commit → origin, empty if the file is missing or unreadable */
    static Map<String, Origin> read(CachedRepo repo) {
        Map<String, Origin> out = new TreeMap<>();
        Path f = repo.dir().resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return out;
        }
        try {
            JsonNode root = JSON.readTree(f.toFile());
            root.fields().forEachRemaining(e -> out.put(e.getKey(), new Origin(e.getValue().path("source").asText(""),
                    e.getValue().path("endpoint").asText(""), e.getValue().path("revision").asText(""))));
        } catch (IOException | RuntimeException e) {
            // an unreadable record only loses the "source" column
        }
        return out;
    }

    /** Adds or replaces the entry of {@code commit} (atomic write). */
    static void write(CachedRepo repo, String commit, Origin origin) {
        Map<String, Origin> all = read(repo);
        all.put(commit, origin);
        ObjectNode root = JSON.createObjectNode();
        all.forEach((c, o) -> root.putObject(c).put("source", o.source()).put("endpoint", o.endpoint())
                .put("revision", o.revision()));
        FileTrees.writeAtomically(repo.dir().resolve(FILE), root.toPrettyString());
    }

    /** Removes the entry of {@code commit}. */
    static void remove(CachedRepo repo, String commit) {
        Map<String, Origin> all = read(repo);
        if (all.remove(commit) != null) {
            ObjectNode root = JSON.createObjectNode();
            all.forEach((c, o) -> root.putObject(c).put("source", o.source()).put("endpoint", o.endpoint())
                    .put("revision", o.revision()));
            FileTrees.writeAtomically(repo.dir().resolve(FILE), root.toPrettyString());
        }
    }
}
