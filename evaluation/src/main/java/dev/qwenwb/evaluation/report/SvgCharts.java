package dev.qwenwb.evaluation.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Inline SVG charts (no scripts, no external files): grouped bars and lines. */
final class SvgCharts {

    private static final String[] COLORS = {"#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2"};
    private static final int W = 760;
    private static final int H = 260;
    private static final int LEFT = 60;
    private static final int BOTTOM = 60;

    private SvgCharts() {
    }

    /**
     * Bars per category, one per series.
     *
     * @param title chart title
     * @param categories x labels (case ids)
     * @param series series name → one value per category (NaN = none)
     * @param unit axis unit
     * @return the SVG element
     */
    static String groupedBars(String title, List<String> categories, Map<String, double[]> series, String unit) {
        double max = series.values().stream().flatMapToDouble(java.util.Arrays::stream).filter(v -> !Double.isNaN(v))
                .max().orElse(Double.NaN);
        if (Double.isNaN(max) || categories.isEmpty()) {
            return empty(title);
        }
        max = max <= 0 ? 1 : max * 1.1;
        StringBuilder s = open(title, max, unit);
        double slot = (double) (W - LEFT - 10) / categories.size();
        double bar = Math.max(1, slot * 0.8 / series.size());
        int si = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            for (int i = 0; i < categories.size(); i++) {
                double v = e.getValue()[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                double h = v / max * (H - BOTTOM - 30);
                double x = LEFT + i * slot + slot * 0.1 + si * bar;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"><title>%s · %s: %.2f %s</title></rect>", x, H - BOTTOM - h, bar, h,
                        COLORS[si % COLORS.length], Html.esc(e.getKey()), Html.esc(categories.get(i)), v, unit));
            }
            si++;
        }
        if (categories.size() <= 40) {
            for (int i = 0; i < categories.size(); i++) {
                double x = LEFT + (i + 0.5) * slot;
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" "
                        + "transform=\"rotate(-35 %.1f %d)\">%s</text>", x, H - BOTTOM + 14, x, H - BOTTOM + 14,
                        Html.esc(categories.get(i))));
            }
        }
        return legend(s, series.keySet()).append("</svg>").toString();
    }

    /**
     * One line per series over the token index.
     *
     * @return the SVG element
     */
    static String lines(String title, Map<String, double[]> series, String unit) {
        double max = series.values().stream().flatMapToDouble(java.util.Arrays::stream).filter(v -> !Double.isNaN(v))
                .max().orElse(Double.NaN);
        int len = series.values().stream().mapToInt(a -> a.length).max().orElse(0);
        if (Double.isNaN(max) || len < 2) {
            return empty(title);
        }
        max = max <= 0 ? 1 : max * 1.1;
        StringBuilder s = open(title, max, unit);
        int si = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            StringBuilder pts = new StringBuilder();
            double[] v = e.getValue();
            for (int i = 0; i < v.length; i++) {
                double x = LEFT + (double) i / (len - 1) * (W - LEFT - 10);
                double y = H - BOTTOM - v[i] / max * (H - BOTTOM - 30);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            s.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(COLORS[si++ % COLORS.length])
                    .append("\" points=\"").append(pts.toString().trim()).append("\"/>");
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">token index (0 … %d)</text>",
                LEFT, H - BOTTOM + 18, len - 1));
        return legend(s, series.keySet()).append("</svg>").toString();
    }

    private static StringBuilder open(String title, double max, String unit) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" role=\"img\"><text x=\"%d\" y=\"16\" font-size=\"13\" "
                + "font-weight=\"600\">%s</text>", W, H, LEFT, Html.esc(title)));
        for (int t = 0; t <= 4; t++) {
            double v = max * t / 4;
            double y = H - BOTTOM - (H - BOTTOM - 30) * t / 4.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", LEFT, W - 10, y, y,
                    LEFT - 4, y + 3, Html.num(v, v < 10 ? 1 : 0)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" font-size=\"10\" transform=\"rotate(-90 12 %d)\">"
                + "%s</text>", H / 2, H / 2, Html.esc(unit)));
        return s;
    }

    private static StringBuilder legend(StringBuilder s, Iterable<String> names) {
        int i = 0;
        for (String n : names) {
            int x = W - 200;
            int y = 14 + i * 14;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", x, y - 9, COLORS[i % COLORS.length],
                    x + 14, y, Html.esc(n)));
            i++;
        }
        return s;
    }

    private static String empty(String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"40\"><text x=\"8\" y=\"24\" "
                + "font-size=\"13\">" + Html.esc(title) + ": no timings recorded (replayed answers)</text></svg>";
    }
}
