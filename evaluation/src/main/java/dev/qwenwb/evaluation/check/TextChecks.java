package dev.qwenwb.evaluation.check;

import dev.qwenwb.evaluation.exec.Verdict;
import java.util.List;
import java.util.Locale;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/** The checks that only read text or timings: {@code contains}, {@code regex}, {@code json-valid}, {@code max-latency}. */
final class TextChecks {

    private TextChecks() {
    }

    static Check contains(CheckSpec spec) {
        List<String> values = spec.list("value");
        if (values.isEmpty()) {
            throw new CheckSpecException(spec.where() + ": check 'contains' needs 'value'");
        }
        boolean ignoreCase = spec.options().path("ignore_case").asBoolean(false);
        return a -> {
            String text = ignoreCase ? a.text().toLowerCase(Locale.ROOT) : a.text();
            for (String v : values) {
                if (!text.contains(ignoreCase ? v.toLowerCase(Locale.ROOT) : v)) {
                    return CheckResult.failed("contains", "the answer does not contain \"" + v + "\"");
                }
            }
            return CheckResult.passed("contains", "the answer contains " + quoted(values));
        };
    }

    /**
     * {@code regex}: RE2/J, whose matching takes time linear in the answer's length and constant stack, so no
     * pattern can hang a run or overflow the stack ({@code (x+x+)+y}, {@code ^(a|aa)+$}). The price: RE2 syntax,
     * without backreferences or lookaround; such a pattern is refused when the suite loads.
     */
    static Check regex(CheckSpec spec) {
        String value = spec.required("value");
        Pattern p;
        try {
            p = Pattern.compile(value, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            String at = e.getPattern() == null ? "" : e.getPattern().replaceFirst("^\\(\\?m\\)", "");
            throw new CheckSpecException(spec.where() + ": check '" + spec.displayType() + "': bad pattern: "
                    + e.getDescription() + (at.isEmpty() ? "" : " at '" + at + "'")
                    + " (RE2 syntax: no backreferences or lookaround)");
        }
        return a -> p.matcher(a.text()).find()
                ? CheckResult.passed("regex", "the answer matches /" + value + "/")
                : CheckResult.failed("regex", "the answer does not match /" + value + "/");
    }

    static Check jsonValid(CheckSpec spec) {
        return a -> {
            AnswerJson json = AnswerJson.of(a);
            return json.value() != null ? CheckResult.passed("json-valid", "the answer is valid JSON")
                    : CheckResult.failed("json-valid", json.problem());
        };
    }

    static Check maxLatency(CheckSpec spec) {
        double limit = spec.number("value", Double.NaN);
        if (Double.isNaN(limit)) {
            throw new CheckSpecException(spec.where() + ": check 'max-latency' needs 'value' (milliseconds)");
        }
        String metric = spec.options().path("metric").asText("e2e");
        if (!metric.equals("e2e") && !metric.equals("ttft")) {
            throw new CheckSpecException(spec.where() + ": check 'max-latency': metric is 'e2e' or 'ttft'");
        }
        return a -> {
            if (!a.metrics().timed()) {
                return new CheckResult("max-latency", Verdict.SKIPPED, 0, "no timing recorded (replayed answer)");
            }
            double ms = metric.equals("ttft") ? a.metrics().ttftMs() : a.metrics().e2eMs();
            return CheckResult.of("max-latency", ms <= limit,
                    String.format(Locale.ROOT, "%s %.0f ms %s limit %.0f ms", metric, ms, ms <= limit ? "<=" : ">",
                            limit));
        };
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").reduce((x, y) -> x + ", " + y).orElse("");
    }
}
