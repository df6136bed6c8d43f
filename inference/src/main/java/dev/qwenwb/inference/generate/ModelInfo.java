package dev.qwenwb.inference.generate;

import dev.qwenwb.inference.engine.ComputeDType;
import dev.qwenwb.inference.model.ModelConfig;
import java.nio.file.Path;

/**
 * A loaded model, as the UI and reports describe it.
 *
 * @param name               the folder name
 * @param dir                the model folder
 * @param config             its config.json
 * @param device             where it runs, e.g. "cpu" or "gpu(0)"
 * @param dtype              the weight precision in use
 * @param loadMs             folder validation + weight upload + tokenizer, in ms
 * @param weightBytes        device bytes held by the weights
 * @param weightBytesPerToken weight bytes one decode step reads
 * @param contextLength      KV-cache capacity in tokens
 */
public record ModelInfo(String name, Path dir, ModelConfig config, String device, ComputeDType dtype, long loadMs,
                        long weightBytes, long weightBytesPerToken, int contextLength) {
}
