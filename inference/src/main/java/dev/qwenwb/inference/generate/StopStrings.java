package dev.qwenwb.inference.generate;

import java.util.List;

/**
 * Finds the caller's stop strings in streamed text and says how much of the text is safe to show:
 * a tail that could still become a stop string is held back.
 */
public final class StopStrings {

    private final List<String> stops;

    public StopStrings(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** Index of the earliest stop string in {@code text} at or after {@code from}, or -1. */
    public int find(StringBuilder text, int from) {
        int best = -1;
        for (String s : stops) {
            int i = text.indexOf(s, from);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Length of the prefix of {@code text} that cannot be the start of a stop string. Only the tail that could
     * hold such a start is looked at, so the cost per token does not grow with the text.
     */
    public int safeLength(CharSequence text) {
        int n = text.length();
        int hold = 0;
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, n); k > hold; k--) {
                if (s.regionMatches(0, text.subSequence(n - k, n).toString(), 0, k)) {
                    hold = k;
                    break;
                }
            }
        }
        return n - hold;
    }
}
