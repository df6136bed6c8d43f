package dev.qwenwb.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qwenwb.evaluation.exec.Ending;
import dev.qwenwb.evaluation.exec.ExecResult;
import dev.qwenwb.evaluation.exec.Interpreters;
import dev.qwenwb.evaluation.exec.Isolation;
import dev.qwenwb.evaluation.exec.Limits;
import dev.qwenwb.evaluation.exec.ProcessRunner;
import dev.qwenwb.evaluation.testing.HostileCode;
import dev.qwenwb.evaluation.testing.HostileCode.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile generated code through the real runner (real python3/node children): after each run the JVM is
 * alive, nothing the program started survives, and the result says what happened.
 */
class ProcessRunnerTest {

    @TempDir
    Path tmp;

    private Path work;
    private Path pids;
    private Set<Long> before;

    @BeforeEach
    void setUp() throws IOException {
        work = Files.createDirectory(tmp.resolve("work"));
        pids = tmp.resolve("pids.txt");
        before = HostileCode.descendantsNow();
    }

    private static String python() {
        return Interpreters.find(List.of("python3")).orElseThrow().toString();
    }

    private ExecResult runPython(Kind kind, Limits limits) throws IOException {
        Files.writeString(work.resolve("main.py"), HostileCode.python(kind, pids));
        return new ProcessRunner(limits).run(List.of(python(), "main.py"), work);
    }

    @Test
    void theDefaultIsolationOnLinuxIsTheSubreaperLauncher() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assertThat(Isolation.detect()).isEqualTo(Isolation.LAUNCHER);
        assertThat(Limits.of(Duration.ofSeconds(10)).memoryBytes()).isEqualTo(2048L << 20);
    }

    @Test
    void codeThatKillsItsParentKillsOnlyTheWatcherAndIsReported() throws IOException {
        long start = System.nanoTime();
        ExecResult r = runPython(Kind.KILL_PARENT, Limits.of(Duration.ofSeconds(20)));
        assertThat(r.ending()).isEqualTo(Ending.PARENT_KILLED);
        assertThat(r.signal()).isEqualTo(9);
        assertThat(r.describe()).startsWith("the code killed its parent process (signal 9)");
        assertThat(seconds(start)).as("no wait for the 300 s sleep nor the 20 s limit").isLessThan(10);
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    @Test
    void codeThatAlsoKillsTheLauncherIsSweptByItsMarker() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        ExecResult r = runPython(Kind.KILL_PARENT_AND_GRANDPARENT, Limits.of(Duration.ofSeconds(20)));
        assertThat(r.ending()).isEqualTo(Ending.LAUNCHER_LOST);
        assertThat(r.describe()).contains("killed the process launcher");
        assertThat(r.leftovers()).isGreaterThanOrEqualTo(1);
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    @Test
    void fiftyChildrenLeftBehindByACleanExitAreKilled() throws IOException {
        ExecResult r = runPython(Kind.FORK_50_AND_EXIT, Limits.of(Duration.ofSeconds(20)));
        assertThat(r.ending()).isEqualTo(Ending.EXITED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.leftovers()).isEqualTo(50);
        assertThat(r.describe()).isEqualTo("exit code 0; 50 processes left running were killed");
        HostileCode.assertNothingSurvived(pids, before, 51);
    }

    @Test
    void aSetsidDoubleForkThatHangsDiesAtTheTimeLimit() throws IOException {
        long start = System.nanoTime();
        ExecResult r = runPython(Kind.SETSID_DOUBLE_FORK_AND_HANG, Limits.of(Duration.ofMillis(1500)));
        assertThat(r.ending()).isEqualTo(Ending.TIMED_OUT);
        assertThat(r.describe()).isEqualTo("timed out after 1.5 s (all its processes were killed)");
        assertThat(seconds(start)).isLessThan(10);
        HostileCode.assertNothingSurvived(pids, before, 2);
    }

    @Test
    void aSetsidGrandchildHoldingStdoutDoesNotKeepTheRunOpen() throws IOException {
        long start = System.nanoTime();
        ExecResult r = runPython(Kind.SETSID_DOUBLE_FORK_AND_EXIT, Limits.of(Duration.ofSeconds(20)));
        assertThat(r.ending()).isEqualTo(Ending.EXITED);
        assertThat(r.stdout()).contains("escaped");
        assertThat(r.leftovers()).isEqualTo(1);
        assertThat(seconds(start)).isLessThan(10);
        HostileCode.assertNothingSurvived(pids, before, 2);
    }

    @Test
    void allocatingBeyondTheDefaultTwoGigabytesFailsWithOutOfMemory() throws IOException {
        ExecResult r = runPython(Kind.ALLOCATE_BEYOND_LIMIT, Limits.of(Duration.ofSeconds(20)));
        assertThat(r.ending()).isEqualTo(Ending.EXITED);
        assertThat(r.outOfMemory()).isTrue();
        assertThat(r.stderr()).contains("MemoryError");
        assertThat(r.describe()).isEqualTo("out of memory (limit 2048 MB)");
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    @Test
    void hundredMegabytesOfOutputAreCappedAtOneAndCounted() throws IOException {
        ExecResult r = runPython(Kind.PRINT_100_MB, Limits.of(Duration.ofSeconds(30)));
        assertThat(r.succeeded()).isTrue();
        assertThat(r.stdout()).hasSize(Limits.DEFAULT_OUTPUT_CAP);
        assertThat(r.stdoutDropped()).isEqualTo((100L << 20) - Limits.DEFAULT_OUTPUT_CAP);
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    @Test
    void aBusyLoopTimesOutAndABusyLoopPastItsCpuTimeIsKilledByTheKernel() throws IOException {
        ExecResult r = runPython(Kind.LOOP_FOREVER, Limits.of(Duration.ofMillis(1500)));
        assertThat(r.ending()).isEqualTo(Ending.TIMED_OUT);
        HostileCode.assertNothingSurvived(pids, before, 1);
        ExecResult cpu = runPython(Kind.LOOP_FOREVER, Limits.of(Duration.ofSeconds(30)).withCpuTime(Duration.ofSeconds(1)));
        assertThat(cpu.ending()).isEqualTo(Ending.SIGNALLED);
        assertThat(cpu.cpuLimitReached()).isTrue();
        assertThat(cpu.describe()).isEqualTo("CPU time limit of 1 s reached");
        HostileCode.assertNothingSurvived(pids, before, 1);
    }

    @Test
    void nodeCodeThatKillsItsParentOrForksIsHeldTheSameWay() throws IOException {
        Path node = Interpreters.find(List.of("node")).orElse(null);
        assumeTrue(node != null, "node is not installed");
        Files.writeString(work.resolve("main.js"), HostileCode.javascript(Kind.KILL_PARENT, pids));
        ExecResult r = new ProcessRunner(Limits.of(Duration.ofSeconds(20))).run(List.of(node.toString(), "main.js"),
                work);
        assertThat(r.ending()).isEqualTo(Ending.PARENT_KILLED);
        HostileCode.assertNothingSurvived(pids, before, 1);
        Files.writeString(work.resolve("main.js"), HostileCode.javascript(Kind.FORK_50_AND_EXIT, pids));
        r = new ProcessRunner(Limits.of(Duration.ofSeconds(20))).run(List.of(node.toString(), "main.js"), work);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.leftovers()).isEqualTo(50);
        HostileCode.assertNothingSurvived(pids, before, 51);
    }

    @Test
    void withoutPythonTheShellFallbackStillLimitsMemoryAndSweepsWhatIsLeft() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        Files.writeString(work.resolve("main.py"), HostileCode.python(Kind.FORK_50_AND_EXIT, pids));
        ProcessRunner shell = new ProcessRunner(Limits.of(Duration.ofSeconds(20)), Isolation.SHELL, false);
        ExecResult r = shell.run(List.of(python(), "main.py"), work);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.leftovers()).isEqualTo(50);
        HostileCode.assertNothingSurvived(pids, before, 51);
        Files.writeString(work.resolve("main.py"), HostileCode.python(Kind.KILL_PARENT, pids));
        r = shell.run(List.of(python(), "main.py"), work);
        assertThat(r.exitCode()).as("setsid's waiter died, not the JVM").isEqualTo(137);
        HostileCode.assertNothingSurvived(pids, before, 1);
        Files.writeString(work.resolve("main.py"), HostileCode.python(Kind.ALLOCATE_BEYOND_LIMIT, pids));
        assertThat(shell.run(List.of(python(), "main.py"), work).outOfMemory()).isTrue();
    }

    @Test
    void writingPastTheFileSizeLimitIsStoppedAndNamedUnderEachWayOfStarting() throws IOException {
        Limits oneMb = Limits.of(Duration.ofSeconds(30)).withFileSizeBytes(1 << 20);
        ExecResult r = runPython(Kind.WRITE_8_MB_FILE, oneMb);
        assertThat(r.fileSizeLimitReached()).as(r.describe()).isTrue();
        assertThat(r.describe()).isEqualTo("file size limit exceeded (limit 1 MB)");
        assertThat(Files.size(work.resolve("big.bin"))).isLessThanOrEqualTo(1 << 20);
        HostileCode.assertNothingSurvived(pids, before, 1);

        assertThat(Limits.of(Duration.ofSeconds(1)).fileSizeBytes()).isEqualTo(256L << 20);
        ExecResult unlimited = runPython(Kind.WRITE_8_MB_FILE, Limits.of(Duration.ofSeconds(30)));
        assertThat(unlimited.succeeded()).as(unlimited.describe()).isTrue();
        assertThat(Files.size(work.resolve("big.bin"))).isEqualTo(8L << 20);

        Files.delete(work.resolve("big.bin"));
        Files.writeString(work.resolve("main.py"), HostileCode.python(Kind.WRITE_8_MB_FILE, pids));
        ExecResult shell = new ProcessRunner(oneMb, Isolation.SHELL, false).run(List.of(python(), "main.py"), work);
        assertThat(shell.describe()).isEqualTo("file size limit exceeded (limit 1 MB)");
        assertThat(Files.size(work.resolve("big.bin"))).isLessThanOrEqualTo(1 << 20);

        Path node = Interpreters.find(List.of("node")).orElse(null);
        assumeTrue(node != null, "node is not installed");
        Files.delete(work.resolve("big.bin"));
        Files.writeString(work.resolve("main.js"), HostileCode.javascript(Kind.WRITE_8_MB_FILE, pids));
        ExecResult js = new ProcessRunner(oneMb).run(List.of(node.toString(), "main.js"), work);
        assertThat(js.describe()).as(js.stderr()).isEqualTo("file size limit exceeded (limit 1 MB)");
        assertThat(Files.size(work.resolve("big.bin"))).isLessThanOrEqualTo(1 << 20);
    }

    @Test
    void aMissingProgramIsNotStartedWithTheReason() {
        ExecResult r = new ProcessRunner(Limits.of(Duration.ofSeconds(5))).run(List.of("no-such-program-qwb"), work);
        assertThat(r.ending()).isEqualTo(Ending.NOT_STARTED);
        assertThat(r.describe()).contains("no-such-program-qwb");
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
