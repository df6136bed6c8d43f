package dev.qwenwb.inference.safetensors;

import static dev.qwenwb.inference.safetensors.HalfFloats.bf16ToFloat;
import static dev.qwenwb.inference.safetensors.HalfFloats.f16ToFloat;
import static dev.qwenwb.inference.safetensors.HalfFloats.floatToBf16;
import static dev.qwenwb.inference.safetensors.HalfFloats.floatToF16;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void bf16KnownBitPatterns() {
        assertThat(floatToBf16(1.0f)).isEqualTo((short) 0x3F80);
        assertThat(bf16ToFloat((short) 0x3F80)).isEqualTo(1.0f);
        assertThat(floatToBf16(-2.0f)).isEqualTo((short) 0xC000);
        assertThat(floatToBf16(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(floatToBf16(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7F80);
        assertThat(floatToBf16(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFF80);
        assertThat(bf16ToFloat((short) 0x7F80)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(floatToBf16(Float.MAX_VALUE)).as("rounds up to infinity").isEqualTo((short) 0x7F80);
    }

    @Test
    void bf16RoundsToNearestEven() {
        assertThat(floatToBf16(Float.intBitsToFloat(0x3F808000))).as("tie, even below").isEqualTo((short) 0x3F80);
        assertThat(floatToBf16(Float.intBitsToFloat(0x3F818000))).as("tie, even above").isEqualTo((short) 0x3F82);
        assertThat(floatToBf16(Float.intBitsToFloat(0x3F808001))).as("above tie").isEqualTo((short) 0x3F81);
        assertThat(floatToBf16(Float.intBitsToFloat(0x3F807FFF))).as("below tie").isEqualTo((short) 0x3F80);
    }

    @Test
    void bf16KeepsNaN() {
        assertThat(bf16ToFloat(floatToBf16(Float.NaN))).isNaN();
        // a NaN whose payload sits only in the low 16 bits must not become infinity
        assertThat(bf16ToFloat(floatToBf16(Float.intBitsToFloat(0x7F800001)))).isNaN();
    }

    @Test
    void f16KnownBitPatterns() {
        assertThat(floatToF16(1.0f)).isEqualTo((short) 0x3C00);
        assertThat(f16ToFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(floatToF16(-2.0f)).isEqualTo((short) 0xC000);
        assertThat(floatToF16(0.1f)).isEqualTo((short) 0x2E66);
        assertThat(floatToF16(65504f)).as("largest finite").isEqualTo((short) 0x7BFF);
        assertThat(f16ToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(floatToF16(65519f)).isEqualTo((short) 0x7BFF);
        assertThat(floatToF16(65520f)).as("tie above max rounds to infinity").isEqualTo((short) 0x7C00);
        assertThat(floatToF16(1e6f)).isEqualTo((short) 0x7C00);
        assertThat(floatToF16(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7C00);
        assertThat(floatToF16(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFC00);
        assertThat(f16ToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(floatToF16(-0.0f)).isEqualTo((short) 0x8000);
    }

    @Test
    void f16Subnormals() {
        assertThat(f16ToFloat((short) 0x0001)).isEqualTo(0x1p-24f).isCloseTo(5.96e-8f, org.assertj.core.data.Offset.offset(1e-10f));
        assertThat(floatToF16(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(floatToF16(0x1p-25f)).as("tie between 0 and smallest subnormal").isEqualTo((short) 0x0000);
        assertThat(floatToF16(0x1.8p-25f)).isEqualTo((short) 0x0001);
        assertThat(floatToF16(0x1.8p-24f)).as("tie 1.5 units -> 2").isEqualTo((short) 0x0002);
        assertThat(floatToF16(0x1p-14f)).as("smallest normal").isEqualTo((short) 0x0400);
        assertThat(f16ToFloat((short) 0x03FF)).isEqualTo(0x1p-14f - 0x1p-24f);
        assertThat(floatToF16(0x1p-14f - 0x1p-25f)).as("rounds up into the normals").isEqualTo((short) 0x0400);
        assertThat(floatToF16(-0x1p-24f)).isEqualTo((short) 0x8001);
        assertThat(floatToF16(1e-10f)).isEqualTo((short) 0x0000);
    }

    @Test
    void f16RoundsToNearestEvenAndKeepsNaN() {
        assertThat(floatToF16(1f + 0x1p-11f)).as("tie, even below").isEqualTo((short) 0x3C00);
        assertThat(floatToF16(1f + 3 * 0x1p-11f)).as("tie, even above").isEqualTo((short) 0x3C02);
        assertThat(floatToF16(1f + 0x1p-11f + 0x1p-20f)).isEqualTo((short) 0x3C01);
        assertThat(f16ToFloat(floatToF16(Float.NaN))).isNaN();
        assertThat(f16ToFloat(floatToF16(Float.intBitsToFloat(0x7F800001)))).isNaN();
        assertThat(f16ToFloat((short) 0x7E00)).isNaN();
    }

    @Test
    void everyHalfBitPatternSurvivesARoundTrip() {
        for (int h = 0; h < 0x10000; h++) {
            short bits = (short) h;
            float f16 = f16ToFloat(bits);
            if (!Float.isNaN(f16)) {
                assertThat(floatToF16(f16)).as("f16 %04x", h).isEqualTo(bits);
            }
            float bf16 = bf16ToFloat(bits);
            if (!Float.isNaN(bf16)) {
                assertThat(floatToBf16(bf16)).as("bf16 %04x", h).isEqualTo(bits);
            }
        }
    }

    @Test
    void narrowingPicksTheNearestRepresentable() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // positive values, so bits +-1 are the neighbours (0x0000 - 1 is skipped)
            float x = (float) (rng.nextDouble() * Math.pow(2, rng.nextInt(-26, 16)));
            assertNearest(x, floatToF16(x), b -> f16ToFloat((short) b));
            assertNearest(x, floatToBf16(x), b -> bf16ToFloat((short) b));
        }
    }

    private static void assertNearest(float x, short bits, java.util.function.IntFunction<Float> widen) {
        float err = Math.abs(widen.apply(bits) - x);
        assertThat(err).as("%s -> %04x", x, bits).isLessThanOrEqualTo(Math.abs(widen.apply(bits + 1) - x));
        if (bits != 0) {
            assertThat(err).as("%s -> %04x", x, bits).isLessThanOrEqualTo(Math.abs(widen.apply(bits - 1) - x));
        }
    }
}
