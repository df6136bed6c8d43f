package dev.qwenwb.evaluation.code;

import java.util.Locale;
import java.util.Map;

/**
 * The one table of programming-language names: the aliases a fence's info string may use ({@code py},
 * {@code js}, {@code main.py}, …) normalised to one name, file extensions, and what the workbench can do with each.
 */
public final class Languages {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("py", "python"), Map.entry("python3", "python"), Map.entry("py3", "python"),
            Map.entry("js", "javascript"), Map.entry("node", "javascript"), Map.entry("nodejs", "javascript"),
            Map.entry("jsx", "javascript"), Map.entry("mjs", "javascript"), Map.entry("cjs", "javascript"),
            Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"), Map.entry("sh", "shell"),
            Map.entry("bash", "shell"), Map.entry("zsh", "shell"), Map.entry("console", "shell"),
            Map.entry("yml", "yaml"), Map.entry("htm", "html"), Map.entry("docker", "dockerfile"),
            Map.entry("md", "markdown"), Map.entry("", "text"), Map.entry("plaintext", "text"),
            Map.entry("txt", "text"));

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("python", ".py"), Map.entry("javascript", ".js"), Map.entry("typescript", ".ts"),
            Map.entry("java", ".java"), Map.entry("html", ".html"), Map.entry("css", ".css"),
            Map.entry("dockerfile", ".Dockerfile"), Map.entry("sql", ".sql"), Map.entry("shell", ".sh"),
            Map.entry("json", ".json"), Map.entry("yaml", ".yaml"), Map.entry("markdown", ".md"),
            Map.entry("svg", ".svg"), Map.entry("xml", ".xml"));

    private Languages() {
    }

    /**
     * The normalised language of a fence's info string or a suite's {@code language}: its first word, lower case,
     * a file name's extension ({@code main.py} → python), aliases resolved; "text" when it names none.
     */
    public static String normalise(String info) {
        String first = (info == null ? "" : info.trim()).split("[\\s{:,]", 2)[0].toLowerCase(Locale.ROOT);
        if (first.contains(".") && !first.startsWith(".")) {
            first = first.substring(first.lastIndexOf('.') + 1); // ```main.py
        }
        return ALIASES.getOrDefault(first, first);
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
