package dev.qwenwb.app.ui.evaluation;

import java.util.List;

/**
 * A {@link dev.qwenwb.evaluation.run.RunConfig} key the configuration editor offers with its own control; any other
 * key is written as {@code key=value} under "More settings" and passed on as it is (so backends added later, such
 * as {@code openai:URL}, bring their keys without a change here).
 *
 * @param key     the RunConfig key
 * @param group   where it applies
 * @param choices values offered (the field stays editable), empty for free text
 * @param hint    shown in an empty field
 */
public record KnownSetting(String key, Group group, List<String> choices, String hint) {

    /** Where a setting applies. */
    public enum Group {
        /** Every backend. */
        ANY,
        /** The in-process engine only (model folder, device, precision, context, threads). */
        ENGINE,
        /** Backends that generate (not replays): length and sampling. */
        GENERATING,
        /** Sampling only (hidden while greedy). */
        SAMPLING
    }

    /** The offered keys, in the editor's order. */
    public static final List<KnownSetting> ALL = List.of(
            new KnownSetting("backend", Group.ANY, List.of("engine", "replay:", "openai:"), "engine"),
            new KnownSetting("model", Group.ANY, List.of(ConfigurationViewModel.DEMO), "eval.hint.model"),
            new KnownSetting("device", Group.ENGINE, List.of("auto", "cpu", "gpu", "cuda", "cuda:0", "vulkan:0",
                    "metal"), "auto"),
            new KnownSetting("gpu_layers", Group.ENGINE, List.of("all", "0"), "eval.hint.gpuLayers"),
            new KnownSetting("dtype", Group.ENGINE, List.of("auto", "f16", "f32", "bf16"), "eval.hint.dtype"),
            new KnownSetting("context", Group.ENGINE, List.of(), "eval.hint.context"),
            new KnownSetting("threads", Group.ENGINE, List.of(), "eval.hint.threads"),
            new KnownSetting("max_tokens", Group.GENERATING, List.of("128", "256", "512"), "512"),
            new KnownSetting("repetition_penalty", Group.GENERATING, List.of(), "1.0"),
            new KnownSetting("seed", Group.GENERATING, List.of(), "0"),
            new KnownSetting("response_format", Group.GENERATING, List.of("text", "json_object", "json_schema"),
                    "eval.hint.responseFormat"),
            new KnownSetting("json_schema", Group.GENERATING, List.of(), "eval.hint.jsonSchema"),
            new KnownSetting("temperature", Group.SAMPLING, List.of("0.2", "0.7", "1.0"), "0.7"),
            new KnownSetting("top_p", Group.SAMPLING, List.of(), "1.0"),
            new KnownSetting("top_k", Group.SAMPLING, List.of(), "eval.hint.topK"));

    /** Keys whose value is a whole number. */
    static final List<String> INTEGERS = List.of("context", "threads", "max_tokens", "seed", "top_k");
    /** Keys whose value is a decimal number. */
    static final List<String> DECIMALS = List.of("temperature", "top_p", "repetition_penalty");

    /** The hint in the window's language (a message key's text; a literal value as it is). */
    public String shownHint() {
        return hint.startsWith("eval.hint.") ? dev.qwenwb.app.ui.common.I18n.t(hint) : hint;
    }

    /** @return whether {@code key} has its own control */
    public static boolean known(String key) {
        return ALL.stream().anyMatch(s -> s.key.equals(key));
    }

    /** @return whether this setting applies to a backend of {@code kind} ({@link ConfigurationViewModel#kind}) */
    public boolean appliesTo(String kind, boolean sampling) {
        switch (group) {
            case ANY: return !key.equals("model") || !kind.equals("replay");
            case ENGINE: return kind.equals("engine");
            case GENERATING: return !kind.equals("replay");
            default: return !kind.equals("replay") && sampling;
        }
    }
}
