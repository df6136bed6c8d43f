package dev.qwenwb.evaluation.suite;

import java.util.List;
import java.util.Optional;

/**
 * A loaded suite: metadata, cases (with the suite's default checks already appended to each) and the claimed
 * figures reports set beside the measured ones.
 *
 * @param name the suite's name
 * @param description what it is, may be empty
 * @param source where it came from (file path), for reports
 * @param cases the cases, in file order, ids unique
 * @param claims claimed figures, may be empty
 */
public record Suite(String name, String description, String source, List<EvalCase> cases, List<Claim> claims) {

    /** Copies the lists. */
    public Suite {
        cases = List.copyOf(cases);
        claims = List.copyOf(claims);
    }

    /** @return the case with this id */
    public Optional<EvalCase> find(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
