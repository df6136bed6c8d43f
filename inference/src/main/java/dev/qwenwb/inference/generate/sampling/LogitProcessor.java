package dev.qwenwb.inference.generate.sampling;

/**
 * One step of the sampling chain before the draw: changes the scores of the next position in place, as Hugging Face
 * transformers' {@code LogitsProcessor} does. Implementations keep their buffers between calls and allocate nothing
 * in the steady state; one instance serves one generation.
 */
interface LogitProcessor {

    /**
     * @param scores        (V) the next position's scores so far; modified in place
     * @param context       the token ids so far: the prompt, then the generated ones
     * @param promptLength  how many entries of {@code context} are the prompt
     * @param contextLength how many entries of {@code context} are in use
     */
    void apply(float[] scores, int[] context, int promptLength, int contextLength);
}
