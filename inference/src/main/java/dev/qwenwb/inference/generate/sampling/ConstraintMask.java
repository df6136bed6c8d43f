package dev.qwenwb.inference.generate.sampling;

import dev.qwenwb.inference.generate.TokenConstraint;

/** The chain's place for a grammar: the {@link TokenConstraint} masks the tokens that may not come next. */
final class ConstraintMask implements LogitProcessor {

    private final TokenConstraint constraint;

    ConstraintMask(TokenConstraint constraint) {
        this.constraint = constraint;
    }

    @Override
    public void apply(float[] scores, int[] context, int promptLength, int contextLength) {
        constraint.restrict(scores);
    }

    void accept(int token) {
        constraint.accept(token);
    }

    boolean checksOne() {
        return constraint.checksOne();
    }

    boolean allows(int token) {
        return constraint.allows(token);
    }
}
