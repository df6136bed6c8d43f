package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.evaluation.suite.Claim;
import java.util.List;

/**
 * A claim of the suite beside what each configuration measured.
 *
 * @param claim the claimed figure
 * @param cells one per configuration, in run order
 */
public record ClaimRow(Claim claim, List<Measured> cells) {

    /** Copies the cells. */
    public ClaimRow {
        cells = List.copyOf(cells);
    }

    /**
     * What one configuration measured for the claim.
     *
     * @param config      the configuration
     * @param value       in the claim's unit, NaN when this run does not measure it
     * @param device      where it ran (model on device (dtype), or the replay)
     * @param differences how the conditions differ from the claim's (empty: comparable)
     */
    public record Measured(String config, double value, String device, List<String> differences) {
        /** Copies the differences. */
        public Measured {
            differences = List.copyOf(differences);
        }
    }
}
