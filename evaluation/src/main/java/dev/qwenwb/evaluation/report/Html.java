package dev.qwenwb.evaluation.report;

import java.util.Locale;

/** Small HTML helpers: escaping and number formatting. */
final class Html {

    static final String STYLE = "<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}"
            + "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 8px;"
            + "vertical-align:top;text-align:left}th{background:#f3f3f3}.passed{color:#17803d;font-weight:600}"
            + ".failed,.broke{color:#b42318;font-weight:600}.skipped{color:#8a6d00;font-weight:600}"
            + ".fixed{color:#17803d;font-weight:600}pre{white-space:pre-wrap;max-width:60em;background:#f7f7f7;"
            + "padding:6px;font-size:12px}.reason{font-size:12px;color:#444}.note{color:#666;font-size:12px}"
            + "svg{background:#fff;border:1px solid #ddd;margin:4px 0 16px}</style>";

    private Html() {
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String verdict(String label) {
        String cls = label.equals("passed") ? "passed" : label.equals("skipped") ? "skipped" : "failed";
        return "<span class=\"" + cls + "\">" + esc(label) + "</span>";
    }
}
