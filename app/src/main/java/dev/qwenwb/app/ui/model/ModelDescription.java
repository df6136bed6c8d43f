package dev.qwenwb.app.ui.model;

/**
 * What the status bar says about a loaded model.
 *
 * @param name          display name
 * @param device        cpu, cuda:0, …
 * @param dtype         f32, f16, bf16
 * @param contextLength tokens the context holds
 * @param note          a warning to show beside the name (e.g. the demo model's label), or empty
 * @param dtypeReason   why that precision ("as asked: …", or what the automatic choice measured), or empty
 * @param deviceReason  where the model runs and why (GGUF: the device, layers on it, device memory, the reason),
 *                      or empty
 */
public record ModelDescription(String name, String device, String dtype, int contextLength, String note,
                               String dtypeReason, String deviceReason) {

    /** A description without a device reason. */
    public ModelDescription(String name, String device, String dtype, int contextLength, String note,
                            String dtypeReason) {
        this(name, device, dtype, contextLength, note, dtypeReason, "");
    }

    /** @return whether the precision was chosen automatically (not asked for) */
    public boolean dtypeAuto() {
        return !dtypeReason.isEmpty() && !dtypeReason.startsWith("as asked");
    }
}
