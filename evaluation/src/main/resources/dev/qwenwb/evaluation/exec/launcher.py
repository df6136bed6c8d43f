# The workbench's process launcher (run by ProcessRunner as: python3 -I -S -c SOURCE STATUS AS CPU FSIZE PROG ARGS...).
#
# Process tree:  JVM -> this launcher (L1, a subreaper on Linux) -> watcher (L2, own session) -> the program.
# The program's parent is the watcher, so os.kill(os.getppid(), ...) only kills the watcher; the launcher sees
# that, and it outlives the program in every case, so it can kill whatever the program left behind: on Linux
# orphans (double forks, setsid) are re-parented to the launcher, which kills and reaps them all before it
# writes the status file and exits. Resource isolation, not a security sandbox.
import json
import os
import signal
import sys
import time

STATUS, AS_BYTES, CPU_S, FSIZE_BYTES = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
PROGRAM = sys.argv[5:]


class Terminated(Exception):
    pass


def on_term(signum, frame):
    raise Terminated()


def subreaper(parent):
    """Linux: orphans below us come to us, and we get SIGTERM when the workbench dies."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        ok = libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:
            raise Terminated()
        return ok
    except (OSError, AttributeError):
        return False


def limit(kind, soft, hard):
    try:
        import resource
        resource.setrlimit(kind, (soft, hard))
    except Exception:
        pass


def run_program(w):
    """In the program's process (after fork): limits, default signals, then exec."""
    import resource
    for s in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGTERM, signal.SIGINT):
        signal.signal(s, signal.SIG_DFL)
    if AS_BYTES > 0:
        limit(resource.RLIMIT_AS, AS_BYTES, AS_BYTES)
    if CPU_S > 0:
        limit(resource.RLIMIT_CPU, CPU_S, CPU_S + 1)
    if FSIZE_BYTES > 0:
        limit(resource.RLIMIT_FSIZE, FSIZE_BYTES, FSIZE_BYTES)
    limit(resource.RLIMIT_CORE, 0, 0)
    try:
        os.execvp(PROGRAM[0], PROGRAM)
    except OSError as e:
        os.write(w, ("E " + PROGRAM[0] + ": " + (e.strerror or str(e)) + "\n").encode("utf-8", "replace"))
        os._exit(127)


def watch(w):
    """The watcher (L2): its own session; forks the program and reports how it ended."""
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)
    os.setsid()
    pid = os.fork()
    if pid == 0:
        run_program(w)
    _, st = os.waitpid(pid, 0)
    if os.WIFSIGNALED(st):
        os.write(w, ("S %d\n" % os.WTERMSIG(st)).encode())
    else:
        os.write(w, ("X %d\n" % os.WEXITSTATUS(st)).encode())
    os._exit(0)


def process_table():
    """pid -> (ppid, state) for every process we can see."""
    table = {}
    if os.path.isdir("/proc/self"):
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open("/proc/" + name + "/stat", "rb") as f:
                    data = f.read().decode("ascii", "replace")
                rest = data[data.rindex(")") + 2:].split()
                table[int(name)] = (int(rest[1]), rest[0])
            except (OSError, ValueError, IndexError):
                pass
        return table
    try:
        import subprocess
        out = subprocess.run(["ps", "-axo", "pid=,ppid=,stat="], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout.decode("ascii", "replace")
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 3:
                table[int(parts[0])] = (int(parts[1]), parts[2][0])
    except Exception:
        pass
    return table


def descendants(table, root):
    kids = {}
    for pid, (ppid, state) in table.items():
        kids.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        for k in kids.get(todo.pop(), []):
            found.append(k)
            todo.append(k)
    return [p for p in found if table[p][1] != "Z"]


def reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return False
        if pid == 0:
            return True


def sweep(session):
    """Kills the program's session group and every process below this one; returns (killed, clean)."""
    killed = set()
    me = os.getpid()
    for round in range(500):
        alive = descendants(process_table(), me)
        if round == 0 and session > 0:
            try:
                os.killpg(session, signal.SIGKILL)
            except OSError:
                pass
        if not alive:
            if not reap():
                return killed, True
            time.sleep(0.002)
            continue
        for pid in alive:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            killed.add(pid)
        reap()
    return killed, False


def write_status(status):
    """Into the room the workbench reserved (spaces): in place, so it needs no new disk space when the program
    filled the disk; a longer report falls back to a new file."""
    data = json.dumps(status).encode("utf-8")
    try:
        with open(STATUS, "r+b") as f:
            if len(data) <= os.fstat(f.fileno()).st_size:
                f.write(data)
                f.truncate(len(data))
                return
    except OSError:
        pass
    tmp = STATUS + ".part"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, STATUS)


def main():
    parent = os.getppid()
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, on_term)
    watcher = 0
    status = {}
    reaper = False
    try:
        reaper = subreaper(parent)
        status["subreaper"] = reaper
        r, w = os.pipe()
        watcher = os.fork()
        if watcher == 0:
            try:
                os.close(r)
                watch(w)
            finally:
                os._exit(126)
        os.close(w)
        lines = b""
        while True:
            chunk = os.read(r, 4096)
            if not chunk:
                break
            lines += chunk
        os.close(r)
        _, st = os.waitpid(watcher, 0)
        for line in lines.decode("utf-8", "replace").splitlines():
            if line.startswith("E "):
                status["start_error"] = line[2:]
            elif line.startswith("X "):
                status["exit"] = int(line[2:])
            elif line.startswith("S "):
                status["signal"] = int(line[2:])
        if "exit" not in status and "signal" not in status:
            status["parent_killed"] = os.WTERMSIG(st) if os.WIFSIGNALED(st) else -1
    except Terminated:
        for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(s, signal.SIG_IGN)
        status["terminated"] = True
    killed, clean = sweep(watcher)
    killed.discard(watcher)
    status["leftover"] = len(killed)
    status["clean"] = clean and reaper
    write_status(status)


main()
