package dev.qwenwb.inference.gguf;

import java.util.List;

/**
 * A GGUF array value. Long string arrays (the vocabulary, the merges) are skipped while reading: only their length
 * is kept ({@link #values()} is then null).
 *
 * @param elementType GGUF value type of the elements ({@link GgufFile#TYPE_STRING}, ...)
 * @param length      number of elements
 * @param values      {@code int[]} (integers of up to 32 bits), {@code long[]}, {@code double[]}, {@code boolean[]}
 *                    or {@code List<String>}; null when skipped
 */
public record GgufArray(int elementType, long length, Object values) {

    /** @return the values as ints, or null if the array is not held or not of integers of up to 32 bits */
    public int[] ints() {
        return values instanceof int[] a ? a : null;
    }

    /** @return the values as strings, or null if not held or not strings */
    @SuppressWarnings("unchecked")
    public List<String> strings() {
        return values instanceof List<?> l ? (List<String>) l : null;
    }
}
