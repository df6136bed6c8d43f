package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.testing.ScriptedGenerator;
import dev.qwenwb.evaluation.run.Backend;
import dev.qwenwb.evaluation.run.Backends;
import dev.qwenwb.evaluation.run.GeneratorBackend;
import dev.qwenwb.evaluation.run.RunConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A small suite without child processes (contains checks), a replay file that answers it right, and configurations
 * on the replay backend and on a scripted generator (backend {@code scripted}) through the evaluation's
 * {@link GeneratorBackend}.
 */
final class EvalFixture {

    static final String SUITE = "name: mini\n"
            + "description: three cases\n"
            + "claims:\n"
            + "  - id: speed\n    label: Generation speed\n    metric: decode_tokens_per_s\n    value: 120\n"
            + "    claimed: \"120 tokens/s\"\n    note: \"4090D x 4; measured: median decode tokens/s\"\n"
            + "cases:\n"
            + "  - id: a\n    title: Alpha\n    prompt: say alpha\n    checks: [{type: contains, value: alpha}]\n"
            + "  - id: b\n    title: Beta\n    prompt: say beta\n    checks: [{type: contains, value: beta}]\n"
            + "  - id: c\n    title: Gamma\n    prompt: say gamma\n    checks: [{type: contains, value: gamma}]\n";

    static final String REPLAY = "{\"case\":\"a\",\"text\":\"alpha\"}\n{\"case\":\"b\",\"text\":\"beta\"}\n"
            + "{\"case\":\"c\",\"text\":\"gamma\"}\n";

    final Path root;
    final Path suite;
    final Path replay;

    EvalFixture(Path root) throws IOException {
        this.root = root;
        this.suite = root.resolve("mini.yaml");
        this.replay = root.resolve("mini-answers.jsonl");
        Files.writeString(suite, SUITE);
        Files.writeString(replay, REPLAY);
    }

    /** The scripted model's answers to a, b, c: {@code wrongB} answers b wrong. */
    static ScriptedGenerator scripted(boolean wrongB) {
        return new ScriptedGenerator(2, ScriptedGenerator.tokens("the word is alpha", 4),
                ScriptedGenerator.tokens(wrongB ? "the word is delta" : "the word is beta", 4),
                ScriptedGenerator.tokens("the word is gamma", 4));
    }

    /** Opens {@code scripted} configurations on {@code generator}, everything else as the app does. */
    static Function<RunConfig, Backend> backends(java.util.function.Supplier<ScriptedGenerator> generator) {
        return config -> config.backend().equals("scripted")
                ? new GeneratorBackend(generator.get(), config) : Backends.open(config);
    }

    SavedConfiguration replayConfig() {
        return new SavedConfiguration("replay", Map.of("backend", "replay:" + replay));
    }

    static SavedConfiguration scriptedConfig() {
        return new SavedConfiguration("scripted", Map.of("backend", "scripted", "max_tokens", "32"));
    }

    EvaluationSettings settings() {
        return new EvaluationSettings(List.of(replayConfig(), scriptedConfig()), Map.of(), suite.toString(), 1,
                List.of());
    }
}
