package dev.qwenwb.evaluation.check;

import dev.qwenwb.evaluation.exec.Verdict;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Check types by name. {@link #create} fails fast on an unknown type, naming file and line; {@code not-TYPE}
 * inverts pass and fail (skipped and errors stay as they are).
 */
public final class CheckRegistry {

    private final Map<String, Function<CheckSpec, Check>> factories = new TreeMap<>();

    /** @return the registry with every built-in type */
    public static CheckRegistry standard() {
        CheckRegistry r = new CheckRegistry();
        r.register("python-tests", s -> new CodeTestCheck(s, false));
        r.register("node-tests", s -> new CodeTestCheck(s, true));
        r.register("dockerfile", DockerfileCheck::new);
        r.register("contains", TextChecks::contains);
        r.register("regex", TextChecks::regex);
        r.register("json-valid", TextChecks::jsonValid);
        r.register("json-schema", JsonSchemaCheck::new);
        r.register("max-latency", TextChecks::maxLatency);
        return r;
    }

    /**
     * Adds a type.
     *
     * @param type the name used in suites
     * @param factory builds the check from its spec, throwing {@link CheckSpecException} for bad options
     */
    public void register(String type, Function<CheckSpec, Check> factory) {
        factories.put(type, factory);
    }

    /** @return the registered type names */
    public List<String> types() {
        return List.copyOf(factories.keySet());
    }

    /**
     * Builds a check.
     *
     * @param spec the check as written
     * @return the check, inverted for {@code not-}
     * @throws CheckSpecException for an unknown type or bad options, naming file and line
     */
    public Check create(CheckSpec spec) {
        Function<CheckSpec, Check> f = factories.get(spec.type());
        if (f == null) {
            throw new CheckSpecException(spec.where() + ": unknown check type '" + spec.displayType() + "' (known: "
                    + String.join(", ", factories.keySet()) + ", each also as not-TYPE)");
        }
        Check c = f.apply(spec);
        if (!spec.negated()) {
            return c;
        }
        String type = spec.displayType();
        return a -> {
            CheckResult r = c.evaluate(a);
            if (r.verdict() == Verdict.PASSED) {
                return new CheckResult(type, Verdict.FAILED, 0, "expected not: " + r.reason());
            }
            if (r.verdict() == Verdict.FAILED) {
                return new CheckResult(type, Verdict.PASSED, 1, "as expected, " + r.reason());
            }
            return new CheckResult(type, r.verdict(), r.score(), r.reason());
        };
    }
}
