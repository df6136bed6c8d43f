package dev.qwenwb.evaluation.check;

import dev.qwenwb.evaluation.exec.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rules on a Dockerfile: {@code base_image_contains} (each text must appear in the final {@code FROM} image),
 * {@code exposes} (ports), {@code env_or_arg} (sets ENV or ARG), {@code cmd_or_entrypoint}, and
 * {@code reproducible_install} (dependencies installed from a lock file: {@code npm ci},
 * {@code yarn --frozen-lockfile}/{@code --immutable}, {@code pnpm … --frozen-lockfile},
 * {@code pip install -r} with pinned requirements). Score = fraction of rules met.
 */
final class DockerfileCheck implements Check {

    private static final Pattern REPRODUCIBLE = Pattern.compile(
            "npm\\s+ci\\b|yarn\\s+(install\\s+)?.*(--frozen-lockfile|--immutable)|pnpm\\s+.*--frozen-lockfile"
                    + "|pip3?\\s+install\\s+.*-r\\s+\\S+|poetry\\s+install|go\\s+mod\\s+download");

    private final List<String> baseContains;
    private final List<String> exposes;
    private final boolean envOrArg;
    private final boolean cmd;
    private final boolean reproducible;

    DockerfileCheck(CheckSpec spec) {
        baseContains = spec.list("base_image_contains");
        exposes = spec.list("exposes");
        envOrArg = spec.options().path("env_or_arg").asBoolean(false);
        cmd = spec.options().path("cmd_or_entrypoint").asBoolean(false);
        reproducible = spec.options().path("reproducible_install").asBoolean(false);
    }

    @Override
    public CheckResult evaluate(Answer answer) {
        String file = CodeExtractor.extract(answer.text(), "dockerfile", List.of("FROM"));
        List<String> lines = instructions(file);
        String from = "";
        List<String> exposed = new ArrayList<>();
        boolean hasEnv = false;
        boolean hasCmd = false;
        boolean hasReproducible = false;
        for (String l : lines) {
            String[] parts = l.split("\\s+", 2);
            String op = parts[0].toUpperCase(Locale.ROOT);
            String rest = parts.length > 1 ? parts[1] : "";
            switch (op) {
                case "FROM": from = rest.replaceAll("(?i)--platform=\\S+\\s*", "").split("\\s+")[0]; break;
                case "EXPOSE": for (String p : rest.split("\\s+")) { exposed.add(p.replaceAll("/.*", "")); } break;
                case "ENV": case "ARG": hasEnv = true; break;
                case "CMD": case "ENTRYPOINT": hasCmd = true; break;
                case "RUN": hasReproducible |= REPRODUCIBLE.matcher(rest).find(); break;
                default: break;
            }
        }
        List<String> met = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        if (from.isEmpty()) {
            missed.add("no FROM instruction (is this a Dockerfile?)");
        }
        for (String b : baseContains) {
            rule(from.toLowerCase(Locale.ROOT).contains(b.toLowerCase(Locale.ROOT)), "base image '" + from + "' "
                    + (from.toLowerCase(Locale.ROOT).contains(b.toLowerCase(Locale.ROOT)) ? "is" : "is not") + " "
                    + b, met, missed);
        }
        for (String port : exposes) {
            rule(exposed.contains(port), (exposed.contains(port) ? "exposes " : "does not expose ") + port
                    + (exposed.isEmpty() || exposed.contains(port) ? "" : " (exposes " + String.join(", ", exposed)
                    + ")"), met, missed);
        }
        if (envOrArg) {
            rule(hasEnv, hasEnv ? "sets ENV/ARG" : "sets no ENV or ARG", met, missed);
        }
        if (cmd) {
            rule(hasCmd, hasCmd ? "has CMD/ENTRYPOINT" : "has no CMD or ENTRYPOINT", met, missed);
        }
        if (reproducible) {
            rule(hasReproducible, hasReproducible ? "installs from the lock file"
                    : "installs dependencies without a lock file (use npm ci / --frozen-lockfile)", met, missed);
        }
        int total = met.size() + missed.size();
        double score = total == 0 ? 1 : (double) met.size() / total;
        return missed.isEmpty()
                ? new CheckResult("dockerfile", Verdict.PASSED, 1, String.join("; ", met))
                : new CheckResult("dockerfile", Verdict.FAILED, score,
                        String.join("; ", missed));
    }

    private static void rule(boolean ok, String what, List<String> met, List<String> missed) {
        (ok ? met : missed).add(what);
    }

    /** Joins continuation lines and drops comments and blank lines. */
    private static List<String> instructions(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String raw : text.split("\\R")) {
            String l = raw.strip();
            if (l.startsWith("#") || (l.isEmpty() && cur.length() == 0)) {
                continue;
            }
            if (l.endsWith("\\")) {
                cur.append(l, 0, l.length() - 1).append(' ');
                continue;
            }
            cur.append(l);
            if (cur.length() > 0) {
                out.add(cur.toString().strip());
            }
            cur.setLength(0);
        }
        if (cur.length() > 0) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
