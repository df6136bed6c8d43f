package dev.qwenwb.inference.prompt;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.lib.tag.IfTag;
import com.hubspot.jinjava.tree.TagNode;

/**
 * What one chat template rendering may spend: a template is code from a model's files, and one that doubles a string
 * 40 times or nests three {@code range(100000)} loops would otherwise exhaust the heap or never return. Sizes are
 * Jinjava's own limits (output, string and collection sizes, ranges); time is checked by the {@code for} and
 * {@code if} tags (every loop iteration that does anything, every branch of a recursive macro, passes through one) and
 * ends the rendering with an {@link Exceeded} error, which Jinjava's error handling does not swallow.
 */
final class TemplateBudget {

    /** Longest a rendering may take. Real templates take milliseconds. */
    static final long MAX_MILLIS = 5_000;
    /** Most characters a rendering may produce, or a string in it hold: far beyond any context window. */
    static final long MAX_CHARS = 16L << 20;
    /** Most elements of a list or map a template may build. */
    static final int MAX_ELEMENTS = 100_000;
    /** Most numbers {@code range()} gives. */
    static final int MAX_RANGE = 100_000;

    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

    private TemplateBudget() {
    }

    /** The rendering that overran its time; an Error so that no {@code catch (Exception)} in Jinjava goes on. */
    static final class Exceeded extends Error {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** Starts the clock for a rendering on this thread. */
    static void start() {
        DEADLINE.set(new long[] {System.nanoTime() + MAX_MILLIS * 1_000_000L});
    }

    /** Stops the clock on this thread. */
    static void stop() {
        DEADLINE.remove();
    }

    /** @throws Exceeded when the rendering on this thread is past its time */
    static void check() {
        long[] d = DEADLINE.get();
        if (d != null && System.nanoTime() - d[0] > 0) {
            throw new Exceeded("it ran for more than " + MAX_MILLIS / 1000 + " s (a chat template renders in"
                    + " milliseconds; this one loops too long)");
        }
    }

    /** Jinjava's {@code for}, checking the clock at each loop it starts. */
    static final class For extends ForTag {
        private static final long serialVersionUID = 1L;

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            check();
            return super.interpret(tagNode, interpreter);
        }
    }

    /** Jinjava's {@code if}, checking the clock at each test. */
    static final class If extends IfTag {
        private static final long serialVersionUID = 1L;

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            check();
            return super.interpret(tagNode, interpreter);
        }
    }
}
