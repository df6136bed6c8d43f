package dev.qwenwb.app.cli;

import dev.qwenwb.inference.bench.BenchReport;
import dev.qwenwb.inference.bench.BenchRun;
import java.util.Locale;

/** The human-readable benchmark table (median of the runs, the bandwidth yardstick, the article's claims). */
final class BenchTable {

    private BenchTable() {
    }

    /** The table; {@code article} adds the article's claims beside the measured figures (null: none). */
    static String render(BenchReport r, ArticleClaims article) {
        BenchRun m = r.median();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "model %s · %s · %s · prompt %d · gen %d · %d runs (medians)%n",
                r.model(), r.device(), r.dtype(), r.config().promptTokens(), r.config().genTokens(), r.runs().size()));
        row(b, "load", fmt("%.2f s", m.loadS()), claim(article, "load_ms"));
        row(b, "time to first token", fmt("%.1f ms", m.ttftMs()), claim(article, "ttft_ms"));
        row(b, "prefill", fmt("%.1f tokens/s", m.prefillTokensPerS()), null);
        row(b, "decode", fmt("%.1f tokens/s", m.decodeTokensPerS()), claim(article, "decode_tokens_per_s"));
        row(b, "inter-token p50 / p99", fmt("%.1f / %.1f ms", m.itlP50Ms(), m.itlP99Ms()), null);
        row(b, "peak RSS", fmt("%d MB", m.peakRssMb()), claim(article, "peak_memory_mb"));
        if (m.gpuMemoryMb() >= 0) {
            row(b, "GPU memory", fmt("%d MB", m.gpuMemoryMb()), null);
        }
        row(b, "weights read / token", fmt("%.1f MB", r.weightBytesPerToken() / 1e6), null);
        row(b, "effective bandwidth", fmt("%.1f GB/s", r.effectiveGbPerS()), null);
        if (r.triadGbPerS() > 0) {
            row(b, "triad bandwidth", fmt("%.1f GB/s → bound %.1f tokens/s (decode at %.2f of it)",
                    r.triadGbPerS(), r.boundTokensPerS(), m.decodeTokensPerS() / r.boundTokensPerS()), null);
        }
        if (article != null) {
            b.append("article: ").append(article.setting()).append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static String claim(ArticleClaims article, String metric) {
        return article == null ? null : article.claimed(metric).orElse(null);
    }

    private static void row(StringBuilder b, String name, String value, String claim) {
        b.append(String.format(Locale.ROOT, "  %-24s %-28s%s%n", name, value, claim == null ? "" : "article: " + claim));
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
