package dev.qwenwb.inference.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Conversions between {@code float} and the two 16-bit formats, done bit by bit in Java (Java 17
 * has no {@code Float.float16ToFloat}; and DJL's own BF16 cast is not to be trusted on every machine).
 * Narrowing rounds to nearest, ties to even.
 */
public final class HalfFloats {

    private HalfFloats() {
    }

    /**
     * @param b bfloat16 bits
     * @return the exact float value
     */
    public static float bf16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xffff) << 16);
    }

    /**
     * @param f a float
     * @return bfloat16 bits, rounded to nearest even; NaN stays NaN (quiet), infinities stay infinite
     */
    public static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7fff + lsb) >>> 16);
    }

    /**
     * @param h IEEE binary16 bits
     * @return the exact float value (subnormals, infinities and NaN included)
     */
    public static float f16ToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /**
     * @param f a float
     * @return IEEE binary16 bits, rounded to nearest even; values from 65520 up become infinity,
     *     tiny values become subnormals or signed zero, NaN stays NaN
     */
    public static short floatToF16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs > 0x7f800000) {
            return (short) (sign | 0x7e00 | ((abs >>> 13) & 0x3ff));
        }
        if (abs >= 0x477ff000) { // >= 65520: rounds to infinity (or is infinity)
            return (short) (sign | 0x7c00);
        }
        if (abs >= 0x38800000) { // normal: >= 2^-14
            int h = ((((abs >>> 23) - 127 + 15)) << 10) | ((abs >>> 13) & 0x3ff);
            int rest = abs & 0x1fff;
            if (rest > 0x1000 || (rest == 0x1000 && (h & 1) == 1)) {
                h++;
            }
            return (short) (sign | h);
        }
        if (abs <= 0x33000000) { // <= 2^-25: half of the smallest subnormal, ties to zero
            return (short) sign;
        }
        int exp = abs >>> 23;
        int mant = (abs & 0x7fffff) | 0x800000;
        int shift = 126 - exp; // 14..24
        int h = mant >>> shift;
        int rest = mant & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (rest > half || (rest == half && (h & 1) == 1)) {
            h++;
        }
        return (short) (sign | h);
    }

    /**
     * Writes {@code values[from, from+count)} into {@code out} as {@code dtype}, little-endian.
     *
     * @param dtype target element type
     * @param values source floats
     * @param from first index
     * @param count number of values
     * @param out buffer with at least {@code count * dtype.byteSize()} bytes remaining
     */
    public static void encode(TensorDType dtype, float[] values, int from, int count, ByteBuffer out) {
        ByteBuffer le = out.order() == ByteOrder.LITTLE_ENDIAN ? out : out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int end = from + count;
        switch (dtype) {
            case F32 -> {
                for (int i = from; i < end; i++) {
                    le.putFloat(values[i]);
                }
            }
            case F16 -> {
                for (int i = from; i < end; i++) {
                    le.putShort(floatToF16(values[i]));
                }
            }
            case BF16 -> {
                for (int i = from; i < end; i++) {
                    le.putShort(floatToBf16(values[i]));
                }
            }
            default -> throw new IllegalStateException(dtype.name());
        }
        if (le != out) {
            out.position(le.position());
        }
    }

    /**
     * Reads {@code out.length} elements of {@code dtype} from the start of {@code in} (its position is
     * not moved).
     *
     * @param dtype element type of the bytes
     * @param in    little-endian bytes, at least {@code out.length * dtype.byteSize()} remaining
     * @param out   destination
     */
    public static void decode(TensorDType dtype, ByteBuffer in, float[] out) {
        ByteBuffer le = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32 -> le.asFloatBuffer().get(out);
            case F16 -> {
                var s = le.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = f16ToFloat(s.get(i));
                }
            }
            case BF16 -> {
                var s = le.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = bf16ToFloat(s.get(i));
                }
            }
            default -> throw new IllegalStateException(dtype.name());
        }
    }
}
