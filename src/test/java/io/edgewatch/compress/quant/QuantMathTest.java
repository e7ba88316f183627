package io.edgewatch.compress.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuantMathTest {

    @Test
    void zeroIsExactlyRepresentableEvenForAPositiveOnlyRange() {
        for (float[] r : new float[][] {{0.3f, 7.1f}, {-5.2f, -0.7f}, {-1.37f, 6.05f}, {-3f, 3f}}) {
            QuantParams p = QuantMath.uint8Asymmetric(r[0], r[1]);
            assertThat(QuantMath.dequantize(QuantMath.quantize(0f, p), p)).isEqualTo(0f);
            assertThat(p.realMin()).isLessThanOrEqualTo(Math.min(r[0], 0f) + p.scale() / 2);
            assertThat(p.realMax()).isGreaterThanOrEqualTo(Math.max(r[1], 0f) - p.scale() / 2);
        }
        assertThat(QuantMath.uint8Asymmetric(0.3f, 7.1f).zeroPoint()).isZero();
        assertThat(QuantMath.uint8Asymmetric(-5.2f, -0.7f).zeroPoint()).isEqualTo(255);
    }

    @Test
    void degenerateRangeGetsAPositiveScale() {
        QuantParams p = QuantMath.uint8Asymmetric(0f, 0f);
        assertThat(p.scale()).isPositive();
        assertThat(QuantMath.int8Symmetric(0f, false).scale()).isPositive();
    }

    @Test
    void roundsHalfToEven() {
        QuantParams p = new QuantParams(1f, 0, -128, 127);
        assertThat(QuantMath.quantize(0.5f, p)).isZero();
        assertThat(QuantMath.quantize(1.5f, p)).isEqualTo(2);
        assertThat(QuantMath.quantize(2.5f, p)).isEqualTo(2);
        assertThat(QuantMath.quantize(-0.5f, p)).isZero();
        assertThat(QuantMath.quantize(-1.5f, p)).isEqualTo(-2);
        assertThat(QuantMath.quantize(2.4f, p)).isEqualTo(2);
    }

    @Test
    void saturatesAtTheTypeBounds() {
        QuantParams u8 = QuantMath.uint8Asymmetric(-1f, 1f);
        assertThat(QuantMath.quantize(100f, u8)).isEqualTo(255);
        assertThat(QuantMath.quantize(-100f, u8)).isEqualTo(0);
        QuantParams s8 = QuantMath.int8Symmetric(1f, false);
        assertThat(QuantMath.quantize(5f, s8)).isEqualTo(127);
        assertThat(QuantMath.quantize(-5f, s8)).isEqualTo(-128);
        assertThat(QuantMath.quantize(Float.NaN, s8)).isZero();
    }

    @Test
    void perChannelPicksEachOutputChannelsScale() {
        // 3 output channels x 4 weights, channel c scaled by 10^c
        float[] w = {0.1f, -0.5f, 0.2f, 0f, 1f, 5f, -2f, 0f, -50f, 10f, 0f, 20f};
        QuantParams[] p = QuantMath.int8PerChannel(w, 3, true, false);
        assertThat(p[0].scale()).isEqualTo(0.5f / 127);
        assertThat(p[1].scale()).isEqualTo(5f / 127);
        assertThat(p[2].scale()).isEqualTo(50f / 127);
        byte[] q = QuantMath.quantizeWeights(w, p);
        assertThat(q[1]).isEqualTo((byte) -127);
        assertThat(q[5]).isEqualTo((byte) 127);
        assertThat(q[8]).isEqualTo((byte) -127);
        QuantParams[] perTensor = QuantMath.int8PerChannel(w, 3, false, false);
        assertThat(perTensor).allSatisfy(x -> assertThat(x.scale()).isEqualTo(50f / 127));
    }

    @Test
    void reduceRangeUsesSevenBits() {
        float[] w = {-2f, 0.25f, 2f, 0.5f};
        QuantParams[] p = QuantMath.int8PerChannel(w, 1, true, true);
        assertThat(p[0].qmax()).isEqualTo(63);
        assertThat(p[0].qmin()).isEqualTo(-64);
        byte[] q = QuantMath.quantizeWeights(w, p);
        assertThat(q).containsExactly(-63, 8, 63, 16);
    }

    @Test
    void biasUsesInputTimesWeightScale() {
        QuantParams w = QuantMath.int8Symmetric(1.27f, false);
        int[] q = QuantMath.quantizeBias(new float[] {0.5f, -0.25f}, 0.1f, new QuantParams[] {w, w});
        float s = QuantMath.biasScale(0.1f, w);
        assertThat(q[0] * s).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(s / 2));
        assertThat(q[1] * s).isCloseTo(-0.25f, org.assertj.core.data.Offset.offset(s / 2));
    }

    @Test
    void rejectsNonFiniteRanges() {
        assertThatThrownBy(() -> QuantMath.uint8Asymmetric(Float.NEGATIVE_INFINITY, 1f))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
