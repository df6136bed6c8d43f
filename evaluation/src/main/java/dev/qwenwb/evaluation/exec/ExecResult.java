package dev.qwenwb.evaluation.exec;

/**
 * What a child process did.
 *
 * @param exitCode its exit code (-1 when killed or not started)
 * @param stdout captured standard output, capped
 * @param stderr captured standard error, capped
 * @param timedOut killed for running past the time limit
 * @param millis wall-clock time
 */
public record ExecResult(int exitCode, String stdout, String stderr, boolean timedOut, long millis) {

    /**
     * The line a person wants to see when the program failed: the last {@code SomethingError: …} line of stderr
     * (Python tracebacks and Node errors end or start with one), else the last non-empty line of either stream.
     *
     * @return that line, at most 300 characters
     */
    public String failureLine() {
        String found = null;
        String last = null;
        for (String stream : new String[] {stdout, stderr}) {
            for (String line : stream.split("\\R")) {
                String t = line.strip();
                if (t.isEmpty()) {
                    continue;
                }
                last = t;
                if (t.matches("^[A-Za-z_.]*(Error|Exception|Exit)\\b.*") || t.startsWith("FAIL")) {
                    found = t;
                }
            }
        }
        String line = found != null ? found : last != null ? last : "exit code " + exitCode;
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
