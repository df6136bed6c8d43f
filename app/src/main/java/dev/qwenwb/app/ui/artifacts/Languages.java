package dev.qwenwb.app.ui.artifacts;

import java.util.Map;

/** File extensions and preview/run abilities per normalised language. */
public final class Languages {

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("python", ".py"), Map.entry("javascript", ".js"), Map.entry("typescript", ".ts"),
            Map.entry("java", ".java"), Map.entry("html", ".html"), Map.entry("css", ".css"),
            Map.entry("dockerfile", ".Dockerfile"), Map.entry("sql", ".sql"), Map.entry("shell", ".sh"),
            Map.entry("json", ".json"), Map.entry("yaml", ".yaml"), Map.entry("markdown", ".md"),
            Map.entry("svg", ".svg"), Map.entry("xml", ".xml"));

    private Languages() {
    }

    /** ".py" for python, ".txt" for unknown languages. */
    public static String extension(String language) {
        return EXTENSIONS.getOrDefault(language, ".txt");
    }

    /** Whether the preview pane can render it (HTML, SVG, Markdown). */
    public static boolean previewable(String language) {
        return language.equals("html") || language.equals("svg") || language.equals("markdown");
    }

    /** Whether it can run as a child process (Python, JavaScript). */
    public static boolean runnable(String language) {
        return language.equals("python") || language.equals("javascript");
    }
}
