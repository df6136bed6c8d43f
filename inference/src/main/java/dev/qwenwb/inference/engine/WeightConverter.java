package dev.qwenwb.inference.engine;

import dev.qwenwb.inference.safetensors.HalfFloats;
import dev.qwenwb.inference.safetensors.TensorDType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.stream.IntStream;

/**
 * Converts checkpoint tensor bytes (little-endian F32/F16/BF16) into the element type the engine holds,
 * in parallel chunks, in Java: PyTorch's BF16 conversion is never used.
 */
final class WeightConverter {

    private static final int CHUNK = 1 << 20;

    private WeightConverter() {
    }

    /**
     * Appends {@code count} elements of {@code src} (type {@code from}) to {@code dst} at its position, as
     * {@code to} in native byte order, and advances {@code dst}.
     */
    static void convert(ByteBuffer src, TensorDType from, ByteBuffer dst, TensorDType to, long count) {
        int n = Math.toIntExact(count);
        ByteBuffer in = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = dst.slice().order(ByteOrder.nativeOrder());
        if (from == to) {
            out.put(in.limit(in.position() + n * from.byteSize()));
        } else {
            int chunks = (n + CHUNK - 1) / CHUNK;
            IntStream.range(0, chunks).parallel().forEach(c -> {
                int start = c * CHUNK;
                int len = Math.min(CHUNK, n - start);
                convertRange(in, from, out, to, start, len);
            });
        }
        dst.position(dst.position() + n * to.byteSize());
    }

    private static void convertRange(ByteBuffer in, TensorDType from, ByteBuffer out, TensorDType to,
                                     int start, int len) {
        if (from == TensorDType.F32) {
            FloatBuffer f = in.asFloatBuffer();
            ShortBuffer o = out.asShortBuffer();
            for (int i = start; i < start + len; i++) {
                o.put(i, to == TensorDType.F16 ? HalfFloats.floatToF16(f.get(i)) : HalfFloats.floatToBf16(f.get(i)));
            }
            return;
        }
        ShortBuffer s = in.asShortBuffer();
        if (to == TensorDType.F32 && from == TensorDType.BF16) {
            IntBuffer o = out.asIntBuffer();
            for (int i = start; i < start + len; i++) {
                o.put(i, s.get(i) << 16); // BF16 is the top half of an f32
            }
            return;
        }
        if (to == TensorDType.F32) {
            FloatBuffer o = out.asFloatBuffer();
            for (int i = start; i < start + len; i++) {
                o.put(i, HalfFloats.f16ToFloat(s.get(i)));
            }
            return;
        }
        ShortBuffer o = out.asShortBuffer();
        for (int i = start; i < start + len; i++) {
            short v = s.get(i);
            float f = from == TensorDType.BF16 ? Float.intBitsToFloat(v << 16) : HalfFloats.f16ToFloat(v);
            o.put(i, to == TensorDType.F16 ? HalfFloats.floatToF16(f) : HalfFloats.floatToBf16(f));
        }
    }
}
