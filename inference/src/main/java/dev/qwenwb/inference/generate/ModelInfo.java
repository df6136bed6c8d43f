package dev.qwenwb.inference.generate;

/**
 * A loaded model, as the UI, reports and the command line describe it, whatever the engine.
 *
 * @param name                 the folder, file or remote model name
 * @param engine               {@value #ENGINE_DJL}, {@code llama.cpp} or {@code openai}
 * @param source               the model folder or file, or the endpoint's URL
 * @param vocabSize            the vocabulary size (0 where unknown)
 * @param maxPositions         the model's max_position_embeddings (0 where unknown)
 * @param device               where it runs, e.g. "cpu" or "cuda:0" (or "remote")
 * @param dtype                the weight precision in use: "f32", "f16", "bf16", "q8_0", … ("" where unknown)
 * @param loadMs               validation + weight upload + tokenizer, in ms
 * @param weightBytes          bytes held by the weights (0 where unknown)
 * @param weightBytesPerToken  weight bytes one decode step reads (0 where unknown)
 * @param contextLength        context (KV-cache) capacity in tokens
 * @param dtypeReason          why this precision: asked for, the device's default, or what the probe measured
 * @param contextReason        empty, or why the context is below the model's own although that was asked for (the
 *                             memory could not hold it: see {@code ContextFit})
 */
public record ModelInfo(String name, String engine, String source, int vocabSize, int maxPositions, String device,
                        String dtype, long loadMs, long weightBytes, long weightBytesPerToken, int contextLength,
                        String dtypeReason, String contextReason) {

    public ModelInfo {
        dtypeReason = dtypeReason == null ? "" : dtypeReason;
        contextReason = contextReason == null ? "" : contextReason;
    }

    /** A model whose context is what was asked for. */
    public ModelInfo(String name, String engine, String source, int vocabSize, int maxPositions, String device,
                     String dtype, long loadMs, long weightBytes, long weightBytesPerToken, int contextLength,
                     String dtypeReason) {
        this(name, engine, source, vocabSize, maxPositions, device, dtype, loadMs, weightBytes, weightBytesPerToken,
                contextLength, dtypeReason, "");
    }

    /** An engine whose precision is simply what the model file holds. */
    public ModelInfo(String name, String engine, String source, int vocabSize, int maxPositions, String device,
                     String dtype, long loadMs, long weightBytes, long weightBytesPerToken, int contextLength) {
        this(name, engine, source, vocabSize, maxPositions, device, dtype, loadMs, weightBytes, weightBytesPerToken,
                contextLength, "");
    }

    /** The in-process PyTorch engine through DJL. */
    public static final String ENGINE_DJL = "djl";

    /** @return e.g. "qwen2.5-0.5b on cpu (f16)" */
    public String describe() {
        return name + " on " + device + (dtype.isEmpty() ? "" : " (" + dtype + ")");
    }
}
