package dev.qwenwb.inference.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qwenwb.inference.safetensors.SafetensorsFile;
import dev.qwenwb.inference.util.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a model list shows about a folder: format, architecture ({@code config.json}'s {@code architectures[0]}, or
 * a GGUF's {@code general.architecture}) and parameter count — exact, summed over the safetensors or GGUF tensor
 * headers (no weights are read), else estimated from {@code config.json}'s sizes for a Qwen2-style decoder.
 *
 * @param format       safetensors, GGUF or unknown
 * @param architecture e.g. {@code Qwen2ForCausalLM}, or null
 * @param parameters   count, or -1 when unknown
 * @param ggufFiles    the {@code .gguf} files in the folder, by name
 */
public record ModelSummary(ModelFormat format, String architecture, long parameters, List<String> ggufFiles) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the list. */
    public ModelSummary {
        ggufFiles = List.copyOf(ggufFiles);
    }

    /** @return the summary of {@code dir} (nothing in it is loaded) */
    public static ModelSummary of(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList()); // follows snapshot links
        } catch (IOException e) {
            return new ModelSummary(ModelFormat.UNKNOWN, null, -1, List.of());
        }
        List<Path> safetensors = new ArrayList<>();
        List<Path> gguf = new ArrayList<>();
        for (Path f : files) {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".safetensors")) {
                safetensors.add(f);
            } else if (n.endsWith(".gguf")) {
                gguf.add(f);
            }
        }
        JsonNode config = readConfig(dir.resolve("config.json"));
        String raw = config == null ? null : config.path("architectures").path(0).asText(null);
        String arch = raw == null ? null : Printable.of(raw); // shown in lists and tables: no escape codes
        if (!safetensors.isEmpty()) {
            long params = 0;
            for (Path f : safetensors) {
                long n = tensorElements(f);
                if (n < 0) {
                    params = -1;
                    break;
                }
                params += n;
            }
            return new ModelSummary(ModelFormat.SAFETENSORS, arch, params >= 0 ? params : estimate(config), List.of());
        }
        if (!gguf.isEmpty()) {
            GgufSummary g = GgufSummary.read(gguf.get(0));
            return new ModelSummary(ModelFormat.GGUF, g.architecture() != null ? Printable.of(g.architecture()) : arch,
                    g.parameters(), gguf.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
        }
        return new ModelSummary(ModelFormat.UNKNOWN, arch, estimate(config), List.of());
    }

    private static JsonNode readConfig(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static long tensorElements(Path file) {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            long n = 0;
            for (String name : f.names()) {
                n += f.info(name).elementCount();
            }
            return n;
        } catch (RuntimeException e) { // truncated or corrupt: no exact count
            return -1;
        }
    }

    /** Parameters of a Qwen2-style decoder from its sizes (q/k/v with biases, SwiGLU, RMSNorm), or -1. */
    static long estimate(JsonNode c) {
        if (c == null || !c.path("hidden_size").canConvertToLong() || !c.path("num_hidden_layers").canConvertToLong()
                || !c.path("vocab_size").canConvertToLong() || !c.path("intermediate_size").canConvertToLong()) {
            return -1;
        }
        long h = c.path("hidden_size").asLong();
        long layers = c.path("num_hidden_layers").asLong();
        long v = c.path("vocab_size").asLong();
        long inter = c.path("intermediate_size").asLong();
        long heads = c.path("num_attention_heads").asLong(1);
        long kvHeads = c.path("num_key_value_heads").asLong(heads);
        long kv = heads > 0 ? h / heads * kvHeads : h;
        long perLayer = h * h + h + 2 * (h * kv + kv) + h * h + 3 * h * inter + 2 * h;
        boolean tied = c.path("tie_word_embeddings").asBoolean(false);
        return v * h + layers * perLayer + h + (tied ? 0 : v * h);
    }
}
