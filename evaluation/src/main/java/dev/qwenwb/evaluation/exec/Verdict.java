package dev.qwenwb.evaluation.exec;

/** The outcome of a check, human-eval style; {@link #SKIPPED} is neither a pass nor a fail. */
public enum Verdict {
    PASSED("passed"), FAILED("failed"), TIMED_OUT("timed out"), ERROR("error"), SKIPPED("skipped");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** @return the lower-case label used in files and reports */
    public String label() {
        return label;
    }

    /** @return the verdict with this label */
    public static Verdict of(String label) {
        for (Verdict v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + label + "'");
    }
}
