package dev.qwenwb.app.ui.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qwenwb.evaluation.exec.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pane follows new versions, switches versions, diffs them, and runs code as a child process. */
class ArtifactsViewModelTest {

    @Test
    void followsTheNewestVersionAndDiffsToThePreviousOne() {
        ArtifactsViewModel vm = new ArtifactsViewModel(Runnable::run, Runnable::run);
        vm.update(List.of("```python\ndef f():\n    return 1\n```"));
        assertThat(vm.codeProperty().get()).isEqualTo("def f():\n    return 1");
        vm.update(List.of("```python\ndef f():\n    return 1\n```", "```python\ndef f():\n    return 2\n```"));
        assertThat(vm.versionProperty().get()).isEqualTo(1);
        assertThat(vm.diffToPrevious()).containsExactly("  def f():", "-     return 1", "+     return 2");
        vm.selectVersion(0);
        assertThat(vm.codeProperty().get()).endsWith("return 1");
        assertThat(vm.diffToPrevious()).isEmpty();
    }

    @Test
    void runsPythonWithATimeLimitAndSaysWhatCannotRun() {
        ArtifactRunner runner = new ArtifactRunner(Limits.of(Duration.ofSeconds(2)).withOutputCap(1000));
        assertThat(runner.run("sql", "SELECT 1").problem()).contains("Only Python and JavaScript");
        RunResult ok = runner.run("python", "print('hi')");
        if (ok.problem() != null) {
            assertThat(ok.problem()).contains("python3 was not found");
            return;
        }
        assertThat(ok.output()).contains("hi");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.summary()).isEqualTo("exit code 0");
        RunResult slow = runner.run("python", "import time\ntime.sleep(30)");
        assertThat(slow.timedOut()).isTrue();
        RunResult loud = runner.run("python", "print('x' * 100000)");
        assertThat(loud.output()).hasSizeLessThan(1100).contains("output cut");
    }

    @Test
    void askAboutThisPutsTheShownVersionInAFencedPrompt() {
        ArtifactsViewModel vm = new ArtifactsViewModel(Runnable::run, Runnable::run);
        List<String> asked = new ArrayList<>();
        vm.setAsker(asked::add);
        vm.askAbout();
        assertThat(asked).isEmpty(); // nothing selected, nothing asked
        vm.update(List.of("```python\ndef f():\n    return 1\n```", "```python\ndef f():\n    return 2\n```"));
        vm.selectVersion(0);
        vm.askAbout();
        assertThat(asked).hasSize(1);
        String prompt = asked.get(0);
        assertThat(prompt).contains(vm.selectedProperty().get().title()).contains("python")
                .contains("```python\ndef f():\n    return 1\n```").doesNotContain("return 2");
    }

    @Test
    void theAskFenceOutgrowsBackticksInTheCode() {
        String prompt = ArtifactsViewModel.askPrompt("notes.md", "markdown", "```sh\nls\n```");
        assertThat(prompt).contains("````markdown\n```sh\nls\n```\n````");
    }
}
