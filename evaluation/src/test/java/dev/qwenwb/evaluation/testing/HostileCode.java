package dev.qwenwb.evaluation.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Generated code as a hostile user would write it, as test fixtures for the process runner (checks and the
 * artifacts pane). Each program appends the pid of every process it starts to a pid file outside its working
 * folder, so a test can prove afterwards that none of them survived.
 */
public final class HostileCode {

    /** What the program does. */
    public enum Kind {
        /** {@code os.kill(os.getppid(), 9)}, then hangs. */
        KILL_PARENT,
        /** Kills its parent and its grandparent (the launcher), then hangs. */
        KILL_PARENT_AND_GRANDPARENT,
        /** Starts 50 {@code sleep 300} processes and exits 0. */
        FORK_50_AND_EXIT,
        /** Double-forks a {@code setsid} grandchild that sleeps 300 s, and hangs itself. */
        SETSID_DOUBLE_FORK_AND_HANG,
        /** Double-forks a {@code setsid} grandchild holding stdout open and sleeping 300 s, and exits 0. */
        SETSID_DOUBLE_FORK_AND_EXIT,
        /** Reserves 1 GB after 1 GB of address space until it fails. */
        ALLOCATE_BEYOND_LIMIT,
        /** Prints 100 MB to stdout and exits 0. */
        PRINT_100_MB,
        /** {@code while True: pass}. */
        LOOP_FOREVER,
        /** Ends its process at once with exit code 0 ({@code os._exit(0)}, {@code process.exit(0)}): no test runs. */
        EXIT_ZERO_EARLY,
        /** {@code raise SystemExit(0)} before the tests. */
        RAISE_SYSTEM_EXIT_ZERO,
        /** Prints what a naive harness might take for "the tests passed", then exits 0. */
        PRINT_FAKE_PASS_AND_EXIT,
        /** Writes an 8 MB file in its working folder, 1 MB at a time. */
        WRITE_8_MB_FILE
    }

    private HostileCode() {
    }

    /**
     * @param kind what it does
     * @param pids the file it records pids in (created empty here)
     * @return the Python program
     */
    public static String python(Kind kind, Path pids) {
        try {
            Files.writeString(pids, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String rec = "import os, sys, time\n"
                + "def rec(pid=None):\n"
                + "    with open(" + literal(pids) + ", 'a') as f:\n"
                + "        f.write(str(pid or os.getpid()) + '\\n')\n"
                + "rec()\n";
        switch (kind) {
            case KILL_PARENT:
                return rec + "os.kill(os.getppid(), 9)\ntime.sleep(300)\n";
            case KILL_PARENT_AND_GRANDPARENT:
                return rec + "def parent(pid):\n"
                        + "    with open('/proc/%d/stat' % pid) as f:\n"
                        + "        return int(f.read().rsplit(')', 1)[1].split()[1])\n"
                        + "p = os.getppid()\ng = parent(p)\nos.kill(p, 9)\nos.kill(g, 9)\ntime.sleep(300)\n";
            case FORK_50_AND_EXIT:
                return rec + "import subprocess\nfor i in range(50):\n"
                        + "    rec(subprocess.Popen(['sleep', '300']).pid)\nprint('started 50')\n";
            case SETSID_DOUBLE_FORK_AND_HANG:
            case SETSID_DOUBLE_FORK_AND_EXIT:
                return rec + "if os.fork() == 0:\n"
                        + "    os.setsid()\n"
                        + "    if os.fork() == 0:\n"
                        + "        rec()\n"
                        + "        time.sleep(300)\n"
                        + "    os._exit(0)\n"
                        + "os.wait()\n"
                        + (kind == Kind.SETSID_DOUBLE_FORK_AND_HANG ? "time.sleep(300)\n" : "print('escaped')\n");
            case ALLOCATE_BEYOND_LIMIT:
                return rec + "held = []\nwhile True:\n    held.append(bytes(1 << 30))\n";
            case PRINT_100_MB:
                return rec + "chunk = 'x' * (1 << 20)\nfor i in range(100):\n    sys.stdout.write(chunk)\n";
            case LOOP_FOREVER:
                return rec + "while True:\n    pass\n";
            case EXIT_ZERO_EARLY:
                return rec + "os._exit(0)\n";
            case RAISE_SYSTEM_EXIT_ZERO:
                return rec + "raise SystemExit(0)\n";
            case PRINT_FAKE_PASS_AND_EXIT:
                return rec + "print('tests passed')\nprint('OK')\nsys.stdout.flush()\nos._exit(0)\n";
            case WRITE_8_MB_FILE:
                return rec + "with open('big.bin', 'wb') as f:\n    for i in range(8):\n"
                        + "        f.write(b'x' * (1 << 20))\n        f.flush()\n";
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    /**
     * @param kind {@link Kind#KILL_PARENT}, {@link Kind#FORK_50_AND_EXIT}, {@link Kind#LOOP_FOREVER},
     *             {@link Kind#EXIT_ZERO_EARLY} or {@link Kind#WRITE_8_MB_FILE}
     * @param pids the file it records pids in (created empty here)
     * @return the JavaScript (Node) program
     */
    public static String javascript(Kind kind, Path pids) {
        try {
            Files.writeString(pids, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String rec = "const fs = require('fs');\n"
                + "const cp = require('child_process');\n"
                + "const rec = (pid) => fs.appendFileSync(" + literal(pids) + ", (pid || process.pid) + '\\n');\n"
                + "rec();\n";
        switch (kind) {
            case KILL_PARENT:
                return rec + "process.kill(process.ppid, 'SIGKILL');\nsetTimeout(() => {}, 300000);\n";
            case FORK_50_AND_EXIT:
                return rec + "for (let i = 0; i < 50; i++) {\n"
                        + "  const c = cp.spawn('sleep', ['300'], {stdio: 'ignore', detached: false});\n"
                        + "  rec(c.pid); c.unref();\n}\nconsole.log('started 50');\n";
            case LOOP_FOREVER:
                return rec + "for (;;) {}\n";
            case EXIT_ZERO_EARLY:
                return rec + "process.exit(0);\n";
            case WRITE_8_MB_FILE:
                return rec + "for (let i = 0; i < 8; i++) fs.appendFileSync('big.bin', Buffer.alloc(1 << 20, 120));\n";
            default:
                throw new IllegalArgumentException(kind + " has no JavaScript version");
        }
    }

    /**
     * @param pids a pid file a hostile program wrote
     * @return the pids in it
     */
    public static List<Long> recorded(Path pids) {
        try {
            List<Long> out = new ArrayList<>();
            for (String line : Files.readAllLines(pids)) {
                if (!line.isBlank()) {
                    out.add(Long.parseLong(line.strip()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the pids of this JVM's descendants now */
    public static Set<Long> descendantsNow() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Asserts that the workbench (this JVM) is alive, that it has no descendant it did not have before, and
     * that no process the program recorded is still alive.
     *
     * @param pids the program's pid file
     * @param before {@link #descendantsNow()} before the run
     * @param atLeast how many pids the program must have recorded (so the test cannot pass vacuously)
     */
    public static void assertNothingSurvived(Path pids, Set<Long> before, int atLeast) {
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        List<Long> recorded = recorded(pids);
        assertThat(recorded).as("pids the program recorded").hasSizeGreaterThanOrEqualTo(atLeast);
        List<Long> alive = recorded.stream().filter(HostileCode::running).collect(Collectors.toList());
        assertThat(alive).as("recorded processes still running").isEmpty();
        Set<Long> now = descendantsNow();
        now.removeAll(before);
        now.removeIf(p -> !running(p));
        assertThat(now).as("new descendants of the workbench").isEmpty();
    }

    /**
     * Whether a process runs: alive and, on Linux, not a zombie (a killed orphan waiting for init to reap it is
     * dead; the init of some containers reaps only every few seconds).
     */
    private static boolean running(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException | RuntimeException e) {
                return !Files.isDirectory(Path.of("/proc/self")) && ProcessHandle.of(pid).isPresent();
            }
        }
        return false;
    }

    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
