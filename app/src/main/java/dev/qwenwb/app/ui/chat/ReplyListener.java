package dev.qwenwb.app.ui.chat;

import dev.qwenwb.app.ui.common.ChatErrors;
import dev.qwenwb.app.ui.common.Coalescer;
import dev.qwenwb.app.ui.store.ReplyStats;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.GenerationStats;
import dev.qwenwb.inference.generate.LiveStats;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hears one generation on the model thread, keeps the text there, and hands snapshots with the engine's own live
 * stats to the UI thread through a {@link Coalescer} (at most one pending update, however fast the tokens come).
 */
final class ReplyListener implements GenerationListener {

    /** What the UI shows of a reply at one moment. */
    record Snapshot(String text, ReplyStats stats, boolean prefilling, String error, boolean done) {
    }

    private final Executor ui;
    private final Coalescer<Snapshot> live;
    private final Consumer<Snapshot> finish;
    private final StringBuilder text = new StringBuilder();
    private LiveStats last;
    private int promptTokens;

    ReplyListener(Executor ui, Consumer<Snapshot> update, Consumer<Snapshot> finish) {
        this.ui = ui;
        this.live = new Coalescer<>(ui, update);
        this.finish = finish;
    }

    @Override
    public void onPrefill(int prompt, int newTokens) {
        promptTokens = prompt;
        live.push(new Snapshot("", new ReplyStats(-1, 0, 0, prompt, null), true, null, false));
    }

    @Override
    public void onToken(int tokenId, String textDelta, LiveStats stats) {
        last = stats;
        text.append(textDelta);
        live.push(new Snapshot(text.toString(), new ReplyStats(stats.ttftMs(), stats.decodeTokensPerS(),
                stats.generatedTokens(), stats.promptTokens(), null), false, null, false));
    }

    @Override
    public void onFinish(GenerationResult result, Throwable error) {
        Snapshot s;
        if (result != null) {
            GenerationStats g = result.stats();
            s = new Snapshot(result.text(), new ReplyStats(g.ttftMs(), g.decodeTokensPerS(), g.generatedTokens(),
                    g.promptTokens(), result.finishReason().label()), false, null, true);
        } else {
            s = new Snapshot(text.toString(), new ReplyStats(last != null ? last.ttftMs() : -1, 0,
                    last != null ? last.generatedTokens() : 0, promptTokens, "error"), false,
                    ChatErrors.describe(error), true);
        }
        ui.execute(() -> finish.accept(s));
    }
}
