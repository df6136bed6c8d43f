package dev.qwenwb.inference.generate.decode;

/**
 * New tokens of one sequence for one engine call: {@code ids[from, from + n)} at positions {@code position, ...};
 * the logits of the last of them are wanted.
 *
 * @param sequence the sequence (slot) of the engine context, in [0, sequences)
 * @param ids      token ids
 * @param from     first index in {@code ids}
 * @param n        how many (> 0)
 * @param position the first one's position in the sequence (= tokens the sequence's cache holds before)
 */
public record Chunk(int sequence, int[] ids, int from, int n, int position) {
}
