package dev.qwenwb.app.ui.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qwenwb.evaluation.exec.Ending;
import dev.qwenwb.evaluation.exec.Interpreters;
import dev.qwenwb.evaluation.exec.Limits;
import dev.qwenwb.evaluation.testing.HostileCode;
import dev.qwenwb.evaluation.testing.HostileCode.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifacts pane's Run with hostile code: here the parent would be the app itself. After each run the app
 * (this JVM) is alive, nothing the code started survives, and the summary line says what happened.
 */
class ArtifactRunnerHostileTest {

    @TempDir
    Path tmp;

    private final ArtifactRunner runner = new ArtifactRunner(Limits.of(Duration.ofSeconds(2)));
    private Path pids;
    private Set<Long> before;

    @BeforeEach
    void setUp() {
        assumeTrue(Interpreters.find(List.of("python3")).isPresent(), "python3 is not installed");
        pids = tmp.resolve("pids.txt");
        before = HostileCode.descendantsNow();
    }

    private RunResult python(Kind kind) {
        return runner.run("python", HostileCode.python(kind, pids));
    }

    @Test
    void killingTheParentLeavesTheAppRunning() {
        RunResult r = python(Kind.KILL_PARENT);
        assertThat(r.ending()).isEqualTo(Ending.PARENT_KILLED);
        assertThat(r.summary()).startsWith("the code killed its parent process (signal 9)");
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    @Test
    void childrenStartedByAFinishedRunAreKilled() {
        RunResult r = python(Kind.FORK_50_AND_EXIT);
        assertThat(r.output()).contains("started 50");
        assertThat(r.summary()).isEqualTo("exit code 0; 50 processes left running were killed");
        HostileCode.assertNothingSurvived(pids, before, 51);
    }

    @Test
    void aHangingSetsidDoubleForkDiesAtTheTimeLimit() {
        RunResult r = python(Kind.SETSID_DOUBLE_FORK_AND_HANG);
        assertThat(r.timedOut()).isTrue();
        assertThat(r.summary()).isEqualTo("timed out after 2 s (all its processes were killed)");
        HostileCode.assertNothingSurvived(pids, before, 2);
    }

    @Test
    void allocatingBeyondTheLimitSaysOutOfMemory() {
        RunResult r = python(Kind.ALLOCATE_BEYOND_LIMIT);
        assertThat(r.output()).contains("MemoryError");
        assertThat(r.summary()).isEqualTo("out of memory (limit 2048 MB)");
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    @Test
    void aHundredMegabytesOfOutputAreCut() {
        RunResult r = python(Kind.PRINT_100_MB);
        assertThat(r.output()).hasSizeLessThan((1 << 20) + 100).contains("output cut");
        assertThat(r.summary()).isEqualTo("exit code 0");
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    @Test
    void anEndlessLoopTimesOut() {
        RunResult r = python(Kind.LOOP_FOREVER);
        assertThat(r.timedOut()).isTrue();
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    @Test
    void javascriptThatKillsItsParentOrLoopsIsHeldTheSameWay() {
        assumeTrue(Interpreters.find(List.of("node")).isPresent(), "node is not installed");
        RunResult r = runner.run("javascript", HostileCode.javascript(Kind.KILL_PARENT, pids));
        assertThat(r.ending()).isEqualTo(Ending.PARENT_KILLED);
        HostileCode.assertNothingSurvived(pids, before, 1);
        r = runner.run("javascript", HostileCode.javascript(Kind.LOOP_FOREVER, pids));
        assertThat(r.timedOut()).isTrue();
        HostileCode.assertNothingSurvived(pids, before, 1);
    }
}
