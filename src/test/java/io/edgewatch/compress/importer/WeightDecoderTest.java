package io.edgewatch.compress.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class WeightDecoderTest {

    @Test
    void halfToFloatCoversNormalSubnormalAndSpecialValues() {
        assertThat(WeightDecoder.halfToFloat((short) 0x3C00)).isEqualTo(1.0f);
        assertThat(WeightDecoder.halfToFloat((short) 0xC000)).isEqualTo(-2.0f);
        assertThat(WeightDecoder.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(WeightDecoder.halfToFloat((short) 0x3555)).isEqualTo(0.333251953125f);
        assertThat(WeightDecoder.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(WeightDecoder.halfToFloat((short) 0x03FF)).isEqualTo(1023 * 0x1p-24f);
        assertThat(WeightDecoder.halfToFloat((short) 0x8000)).isEqualTo(-0.0f);
        assertThat(WeightDecoder.halfToFloat((short) 0xFC00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(WeightDecoder.halfToFloat((short) 0x7E00)).isNaN();
    }

    @Test
    void decodesFloat16AndInt32EntriesInManifestOrder() throws Exception {
        ObjectMapper om = new ObjectMapper();
        ByteBuffer data = ByteBuffer.allocate(2 * 2 + 4 * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3C00).putShort((short) 0xBC00).putInt(7).putInt(-1).flip();
        Tensor f = WeightDecoder.decode(om.readTree(
                "{\"name\":\"w\",\"shape\":[2],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"float16\",\"original_dtype\":\"float32\"}}"), data);
        Tensor i = WeightDecoder.decode(om.readTree("{\"name\":\"s\",\"shape\":[2],\"dtype\":\"int32\"}"), data);
        assertThat(f.floats()).containsExactly(1f, -1f);
        assertThat(i.longs()).containsExactly(7L, -1L);
        assertThat(data.hasRemaining()).isFalse();
    }
}
