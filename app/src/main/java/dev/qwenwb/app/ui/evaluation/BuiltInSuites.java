package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.inference.util.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The suites the app ships ({@code assets/suites}, on the classpath under {@code /assets/suites/}), copied into a
 * folder of the data folder so that they load as files (a suite names its dataset and replay files by path) in a
 * checkout and in an installed app alike. A copy that differs from the shipped file is replaced.
 */
public final class BuiltInSuites {

    /** The classpath folder of the shipped suites. */
    public static final String RESOURCE = "/assets/suites/";
    /** The article's own answers, for a replay configuration. */
    public static final String ARTICLE_ANSWERS = "article-answers.jsonl";

    private static final List<String> FILES = List.of("article.yaml", ARTICLE_ANSWERS, "article-wrong-answers.jsonl",
            "humaneval.yaml", "humaneval-instruct.yaml", "humaneval/HumanEval.jsonl.gz", "humaneval/LICENSE",
            "humaneval/SOURCE.md");

    /**
     * A suite to pick.
     *
     * @param labelKey the text the picker shows (its key, so it follows a language change)
     * @param file     the suite file
     */
    public record Choice(String labelKey, Path file) {
        @Override
        public String toString() {
            return I18n.t(labelKey);
        }
    }

    private BuiltInSuites() {
    }

    /**
     * Copies the shipped suites into {@code dir} (only files that are missing or differ).
     *
     * @return {@code dir}
     * @throws UncheckedIOException if a file cannot be written, naming it
     */
    public static Path install(Path dir) {
        for (String name : FILES) {
            Path target = dir.resolve(name);
            try (InputStream in = BuiltInSuites.class.getResourceAsStream(RESOURCE + name)) {
                if (in == null) {
                    throw new IllegalStateException("the build lacks " + RESOURCE + name + " (assets module)");
                }
                byte[] bytes = in.readAllBytes();
                if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), bytes)) {
                    Files.createDirectories(target.getParent());
                    FileTrees.writeAtomically(target, bytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(target + ": cannot write the built-in suite: " + e.getMessage(), e);
            }
        }
        return dir;
    }

    /** @return the built-in suites in {@code dir} (see {@link #install}): the article's, HumanEval, HumanEval-instruct */
    public static List<Choice> choices(Path dir) {
        return List.of(new Choice("eval.builtin.article", dir.resolve("article.yaml")),
                new Choice("eval.builtin.humaneval", dir.resolve("humaneval.yaml")),
                new Choice("eval.builtin.humanevalInstruct", dir.resolve("humaneval-instruct.yaml")));
    }
}
