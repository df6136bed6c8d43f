package dev.qwenwb.app.cli;

import dev.qwenwb.inference.bench.BenchReport;
import dev.qwenwb.inference.bench.BenchRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The human-readable benchmark table: one column per model (medians of its runs), the bandwidth yardstick of each,
 * and the article's claims beside them.
 */
final class BenchTable {

    private BenchTable() {
    }

    /** The table; {@code article} adds the article's claims in a last column (null: none). */
    static String render(List<BenchReport> reports, ArticleClaims article) {
        List<String[]> rows = new ArrayList<>();
        List<BenchRun> m = reports.stream().map(BenchReport::median).toList();
        rows.add(row("", reports, BenchReport::model, null, article));
        rows.add(row("device · dtype", reports, r -> r.device() + " · " + r.dtype(), null, article));
        rows.add(row("load", m, x -> fmt("%.2f s", x.loadS()), "load_ms", article));
        rows.add(row("time to first token", m, x -> fmt("%.1f ms", x.ttftMs()), "ttft_ms", article));
        rows.add(row("prefill", m, x -> fmt("%.1f tokens/s", x.prefillTokensPerS()), null, article));
        rows.add(row("decode", m, x -> fmt("%.1f tokens/s", x.decodeTokensPerS()), "decode_tokens_per_s", article));
        rows.add(row("inter-token p50 / p99", m, x -> fmt("%.1f / %.1f ms", x.itlP50Ms(), x.itlP99Ms()), null,
                article));
        rows.add(row("peak RSS", m, x -> fmt("%d MB", x.peakRssMb()), "peak_memory_mb", article));
        if (m.stream().anyMatch(x -> x.gpuMemoryMb() >= 0)) {
            rows.add(row("GPU memory", m, x -> x.gpuMemoryMb() < 0 ? "—" : fmt("%d MB", x.gpuMemoryMb()), null,
                    article));
        }
        rows.add(row("weights read / token", reports, r -> fmt("%.1f MB", r.weightBytesPerToken() / 1e6), null,
                article));
        rows.add(row("effective bandwidth", reports, r -> fmt("%.1f GB/s", r.effectiveGbPerS()), null, article));
        if (reports.stream().anyMatch(r -> r.boundTokensPerS() > 0)) {
            rows.add(row("bandwidth bound", reports, r -> r.boundTokensPerS() <= 0 ? "—"
                    : fmt("%.1f tokens/s", r.boundTokensPerS()), null, article));
            rows.add(row("decode / bound", reports, r -> r.boundTokensPerS() <= 0 ? "—"
                    : fmt("%.2f", r.median().decodeTokensPerS() / r.boundTokensPerS()), null, article));
        }
        StringBuilder b = new StringBuilder();
        BenchReport first = reports.get(0);
        b.append(fmt("prompt %d tokens · gen %d tokens · %d runs each (medians)", first.config().promptTokens(),
                first.config().genTokens(), first.runs().size()));
        if (first.triadGbPerS() > 0) {
            b.append(fmt(" · triad bandwidth %.1f GB/s", first.triadGbPerS()));
        }
        b.append('\n');
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        for (BenchReport r : reports) {
            if (!r.dtypeReason().isEmpty()) {
                b.append("precision of ").append(r.model()).append(": ").append(r.dtypeReason()).append('\n');
            }
        }
        if (article != null) {
            b.append("article: ").append(article.setting()).append('\n');
        }
        return b.toString().stripTrailing();
    }

    private static <T> String[] row(String name, List<T> columns, Function<T, String> value, String metric,
                                    ArticleClaims article) {
        int n = columns.size() + 1 + (article == null ? 0 : 1);
        String[] r = new String[n];
        r[0] = name;
        for (int i = 0; i < columns.size(); i++) {
            r[i + 1] = value.apply(columns.get(i));
        }
        if (article != null) {
            r[n - 1] = name.isEmpty() ? "article" : metric == null ? "" : article.claimed(metric).orElse("");
        }
        return r;
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
