package dev.qwenwb.inference.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Raw prompts for Qwen2.5-Coder's code completion formats (no chat template): fill-in-the-middle,
 * repository-level completion, and both combined.
 *
 * <p>Sources: the Qwen2.5-Coder README ("File-Level Code Completion", "Repository-Level Code Completion")
 * and its {@code examples/} ({@code Qwen2.5-Coder-fim.py}, {@code Qwen2.5-Coder-repolevel-fim.py}).
 * Byte layout of a repository prompt: the README's generic template puts a space after each path
 * ({@code <|file_sep|>path \n}), its worked example does not ({@code <|file_sep|>library.py\n}); we follow
 * the worked example, which is also what the repository-level infilling example sends.
 */
public final class CoderPrompts {

    /** Marks the code before the hole. */
    public static final String FIM_PREFIX = "<|fim_prefix|>";
    /** Marks the code after the hole. */
    public static final String FIM_SUFFIX = "<|fim_suffix|>";
    /** Ends a FIM prompt; the model writes the missing middle after it. */
    public static final String FIM_MIDDLE = "<|fim_middle|>";
    /** Starts a repository-level prompt, followed by the repository's name. */
    public static final String REPO_NAME = "<|repo_name|>";
    /** Starts each file of a repository-level prompt, followed by its path. */
    public static final String FILE_SEP = "<|file_sep|>";

    /**
     * Token ids that end a completion: {@code <|fim_prefix|>} … {@code <|file_sep|>} (151659–151664),
     * {@code <|im_end|>} (151645) and {@code <|endoftext|>} (151643), as in {@code Qwen2.5-Coder-fim.py}.
     */
    public static final List<Integer> FIM_STOP_TOKEN_IDS =
            List.of(151659, 151660, 151661, 151662, 151663, 151664, 151645, 151643);

    /** Text that ends a completion: the model starting the next file. */
    public static final List<String> STOP_STRINGS = List.of(FILE_SEP);

    private CoderPrompts() {
    }

    /**
     * A fill-in-the-middle prompt: {@code <|fim_prefix|>prefix<|fim_suffix|>suffix<|fim_middle|>}.
     *
     * @param prefix the code before the hole
     * @param suffix the code after the hole
     * @return the prompt; the model's output is the code that goes in the hole
     */
    public static String fim(String prefix, String suffix) {
        return FIM_PREFIX + Objects.requireNonNull(prefix, "prefix")
                + FIM_SUFFIX + Objects.requireNonNull(suffix, "suffix") + FIM_MIDDLE;
    }

    /**
     * A repository-level completion prompt:
     * {@code <|repo_name|>repo\n<|file_sep|>path1\ncontent1\n<|file_sep|>path2\ncontent2}.
     *
     * <p>The last file is the open one: nothing follows its content, so the model continues it (give it
     * empty content to have the model write that file from its first line). Cut the output at the next
     * {@code <|file_sep|>} ({@link #STOP_STRINGS}).
     *
     * @param repoName the repository's name
     * @param files the files, the open one last; at least one
     * @return the prompt
     */
    public static String repoLevel(String repoName, List<RepoFile> files) {
        Objects.requireNonNull(repoName, "repoName");
        if (files == null || files.isEmpty()) {
            throw new IllegalArgumentException("a repository-level prompt needs at least one file");
        }
        StringBuilder prompt = new StringBuilder(REPO_NAME).append(repoName);
        for (RepoFile file : files) {
            prompt.append('\n').append(FILE_SEP).append(file.path()).append('\n').append(file.content());
        }
        return prompt.toString();
    }

    /**
     * A repository-level infilling prompt: the context files, then the file with the hole, whose content
     * is a {@link #fim(String, String)} prompt.
     *
     * @param repoName the repository's name
     * @param contextFiles the other files of the repository (may be empty)
     * @param path the path of the file with the hole
     * @param prefix that file's code before the hole
     * @param suffix that file's code after the hole
     * @return the prompt; the model's output is the code that goes in the hole
     */
    public static String repoLevelFim(String repoName, List<RepoFile> contextFiles, String path,
                                      String prefix, String suffix) {
        List<RepoFile> files = new ArrayList<>(contextFiles == null ? List.of() : contextFiles);
        files.add(new RepoFile(path, fim(prefix, suffix)));
        return repoLevel(repoName, files);
    }
}
