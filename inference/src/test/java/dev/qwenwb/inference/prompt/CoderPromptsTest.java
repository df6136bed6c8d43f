package dev.qwenwb.inference.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Qwen2.5-Coder raw prompts have the byte layout of the Qwen2.5-Coder README examples. */
class CoderPromptsTest {

    @Test
    void fimWrapsPrefixAndSuffixAndEndsWithTheMiddleMarker() {
        String prefix = "def quicksort(arr):\n    if len(arr) <= 1:\n        return arr\n"
                + "    pivot = arr[len(arr) // 2]\n    ";
        String suffix = "\n    middle = [x for x in arr if x == pivot]\n";
        assertThat(CoderPrompts.fim(prefix, suffix)).isEqualTo(
                "<|fim_prefix|>" + prefix + "<|fim_suffix|>" + suffix + "<|fim_middle|>");
    }

    @Test
    void repoLevelPutsEachFileAfterASeparatorAndLeavesTheLastOneOpen() {
        String prompt = CoderPrompts.repoLevel("library-system", List.of(
                new RepoFile("library.py", "class Book:\n    pass"),
                new RepoFile("main.py", "from library import Book\n")));
        assertThat(prompt).isEqualTo("<|repo_name|>library-system\n"
                + "<|file_sep|>library.py\nclass Book:\n    pass\n"
                + "<|file_sep|>main.py\nfrom library import Book\n");
    }

    @Test
    void anEmptyLastFileAsksTheModelToWriteItFromTheTop() {
        assertThat(CoderPrompts.repoLevel("r", List.of(new RepoFile("a.py", "x = 1"), new RepoFile("b.py", ""))))
                .isEqualTo("<|repo_name|>r\n<|file_sep|>a.py\nx = 1\n<|file_sep|>b.py\n");
    }

    @Test
    void repoLevelFimPutsTheHoleInTheLastFile() {
        String prompt = CoderPrompts.repoLevelFim("r", List.of(new RepoFile("lib.py", "def f(): pass")),
                "main.py", "import lib\n", "\nprint(x)");
        assertThat(prompt).isEqualTo("<|repo_name|>r\n<|file_sep|>lib.py\ndef f(): pass\n"
                + "<|file_sep|>main.py\n<|fim_prefix|>import lib\n<|fim_suffix|>\nprint(x)<|fim_middle|>");
    }

    @Test
    void stopTokensCoverTheSpecialTokensAndEndOfTurn() {
        assertThat(CoderPrompts.FIM_STOP_TOKEN_IDS)
                .containsExactly(151659, 151660, 151661, 151662, 151663, 151664, 151645, 151643);
        assertThat(CoderPrompts.STOP_STRINGS).containsExactly("<|file_sep|>");
    }

    @Test
    void aRepositoryPromptNeedsAFile() {
        assertThatThrownBy(() -> CoderPrompts.repoLevel("r", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
