package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NanoDetDecoderTest {
    private static final int SIZE = 416;
    private static final int BIN_WIDTH = NanoDetDecoder.SIDES * NanoDetDecoder.BINS;
    private static final float HOT = 100f; // exp(-100) vanishes next to exp(0): softmax is one-hot

    private final float[][] scores = new float[3][];
    private final float[][] bins = new float[3][];
    private final NanoDetDecoder decoder = new NanoDetDecoder(SIZE, 0.25, new Nms(0.6, 100));

    NanoDetDecoderTest() {
        for (int level = 0; level < 3; level++) {
            int cells = decoder.gridSize(level) * decoder.gridSize(level);
            scores[level] = new float[cells * 80];
            bins[level] = new float[cells * BIN_WIDTH];
        }
    }

    @Test
    void gridsAre52_26_13() {
        assertThat(new int[] {decoder.gridSize(0), decoder.gridSize(1), decoder.gridSize(2)})
                .containsExactly(52, 26, 13);
    }

    @Test
    void singleHotCellGivesExactBox() {
        // stride 16, cell x=5 y=7 (row-major index 7*26+5), dog; bins l=2 t=3 r=4 b=1
        int cell = 7 * 26 + 5;
        scores[1][cell * 80 + 16] = 0.9f;
        setOneHotBins(1, cell, 2, 3, 4, 1);

        List<Detection> out = decode();

        assertThat(out).hasSize(1);
        Detection d = out.get(0);
        assertThat(d.label()).isEqualTo("dog");
        assertThat(d.classId()).isEqualTo(16);
        assertThat(d.score()).isEqualTo(0.9f);
        float cx = 5.5f * 16;
        float cy = 7.5f * 16;
        assertThat(d.x1()).isCloseTo((cx - 2 * 16) / SIZE, within(1e-6f));
        assertThat(d.y1()).isCloseTo((cy - 3 * 16) / SIZE, within(1e-6f));
        assertThat(d.x2()).isCloseTo((cx + 4 * 16) / SIZE, within(1e-6f));
        assertThat(d.y2()).isCloseTo((cy + 1 * 16) / SIZE, within(1e-6f));
    }

    @Test
    void expectationOfUniformLogitsIsMiddleBin() {
        FloatBuffer b = FloatBuffer.wrap(new float[11]);
        assertThat(NanoDetDecoder.expectation(b, 0)).isCloseTo(5f, within(1e-5f));
    }

    @Test
    void expectationMatchesSoftmaxComputedInDouble() {
        float[] logits = {0.3f, -1.2f, 2.5f, 0.0f, 1.1f, -0.7f, 3.2f, 0.9f, -2.0f, 0.4f, 1.7f};
        double sum = 0;
        double weighted = 0;
        for (int i = 0; i < logits.length; i++) {
            double e = Math.exp(logits[i]);
            sum += e;
            weighted += i * e;
        }
        float[] padded = new float[20];
        System.arraycopy(logits, 0, padded, 7, 11);
        assertThat(NanoDetDecoder.expectation(FloatBuffer.wrap(padded), 7))
                .isCloseTo((float) (weighted / sum), within(1e-5f));
    }

    @Test
    void twoEqualHotBinsAverage() {
        float[] logits = new float[11];
        logits[2] = HOT;
        logits[4] = HOT;
        assertThat(NanoDetDecoder.expectation(FloatBuffer.wrap(logits), 0)).isCloseTo(3f, within(1e-5f));
    }

    @Test
    void cellsOnEitherSideOfAChunkBoundaryAndTheLastCellOfEachLevelAreFound() {
        // Scores are read NanoDetDecoder.CHUNK_CELLS cells at a time; no level's cell count is a multiple of it.
        int[][] hot = new int[3][];
        for (int level = 0; level < 3; level++) {
            int cells = decoder.gridSize(level) * decoder.gridSize(level);
            hot[level] = new int[] {NanoDetDecoder.CHUNK_CELLS - 1, NanoDetDecoder.CHUNK_CELLS, cells - 1};
            for (int i = 0; i < hot[level].length; i++) {
                int cell = hot[level][i];
                scores[level][cell * 80 + 10 + level * 3 + i] = 0.8f; // a class of its own, so NMS keeps each box
                setOneHotBins(level, cell, 1, 1, 1, 1);
            }
        }

        List<Detection> out = decode();

        assertThat(out).hasSize(9);
        for (int level = 0; level < 3; level++) {
            int grid = decoder.gridSize(level);
            int stride = NanoDetDecoder.STRIDES[level];
            for (int i = 0; i < hot[level].length; i++) {
                int classId = 10 + level * 3 + i;
                float cx = (hot[level][i] % grid + 0.5f) * stride;
                Detection d = out.stream().filter(x -> x.classId() == classId).findFirst().orElseThrow();
                assertThat(d.x1()).isCloseTo(Math.max(0, cx - stride) / SIZE, within(1e-6f));
            }
        }
    }

    @Test
    void theScoreMaximaFindWhatTheFullScanFinds() {
        java.util.Random random = new java.util.Random(7);
        for (int level = 0; level < 3; level++) {
            int cells = decoder.gridSize(level) * decoder.gridSize(level);
            for (int i = 0; i < scores[level].length; i++) {
                scores[level][i] = random.nextFloat() * 0.2f; // background below the 0.25 threshold
            }
            for (int k = 0; k < 40; k++) {
                int cell = random.nextInt(cells);
                scores[level][cell * 80 + random.nextInt(80)] = 0.25f + random.nextFloat() * 0.7f;
                scores[level][cell * 80 + random.nextInt(80)] = random.nextBoolean() ? 0.25f : 0.2499f;
                setOneHotBins(level, cell, 1 + random.nextInt(5), 1 + random.nextInt(5), 1 + random.nextInt(5),
                        1 + random.nextInt(5));
            }
        }
        List<Detection> scanned = decode();

        assertThat(scanned).hasSizeGreaterThan(50);
        assertThat(decoder.decode(wrap(scores), wrap(bins), wrap(maxima()))).isEqualTo(scanned);
    }

    @Test
    void withMaximaOnlyCellsWhoseMaximumReachesTheThresholdAreRead() {
        scores[0][100 * 80 + 3] = 0.8f;
        setOneHotBins(0, 100, 1, 1, 1, 1);
        scores[1][7 * 80 + 5] = 0.7f;
        setOneHotBins(1, 7, 1, 1, 1, 1);
        float[][] max = maxima();
        max[0][100] = 0.1f; // a maximum below the threshold: the cell's scores are not read
        max[1][7] = Float.NaN; // no maximum to go by: read

        List<Detection> out = decoder.decode(wrap(scores), wrap(bins), wrap(max));

        assertThat(out).extracting(Detection::classId).containsExactly(5);
    }

    private float[][] maxima() {
        float[][] max = new float[3][];
        for (int level = 0; level < 3; level++) {
            max[level] = new float[scores[level].length / 80];
            for (int cell = 0; cell < max[level].length; cell++) {
                float m = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < 80; c++) {
                    m = Math.max(m, scores[level][cell * 80 + c]);
                }
                max[level][cell] = m;
            }
        }
        return max;
    }

    @Test
    void scoresBelowThresholdAreDropped() {
        scores[0][100 * 80 + 3] = 0.2499f;
        setOneHotBins(0, 100, 1, 1, 1, 1);
        assertThat(decode()).isEmpty();
    }

    @Test
    void boxesAreClippedToTheFrame() {
        // top-left cell of stride 32 with the largest distances reaches beyond the frame on the left/top
        scores[2][0] = 0.8f;
        setOneHotBins(2, 0, 10, 10, 10, 10);
        Detection d = decode().get(0);
        assertThat(d.x1()).isZero();
        assertThat(d.y1()).isZero();
        assertThat(d.x2()).isCloseTo((16f + 320f) / SIZE, within(1e-6f));
    }

    @Test
    void oneCellCanYieldSeveralClassesWithTheSameBox() {
        int cell = 30 * 52 + 20;
        scores[0][cell * 80] = 0.7f;       // person
        scores[0][cell * 80 + 1] = 0.5f;   // bicycle
        setOneHotBins(0, cell, 3, 3, 3, 3);
        List<Detection> out = decode();
        assertThat(out).extracting(Detection::label).containsExactly("person", "bicycle");
        assertThat(out.get(0).x1()).isEqualTo(out.get(1).x1());
    }

    @Test
    void sameObjectSeenAtTwoLevelsIsMergedByNms() {
        // stride 8 cell (9,9): centre 76; stride 16 cell (4,4): centre 72 -> nearly the same 64px box
        int fine = 9 * 52 + 9;
        int coarse = 4 * 26 + 4;
        scores[0][fine * 80 + 2] = 0.6f;
        scores[1][coarse * 80 + 2] = 0.9f;
        setOneHotBins(0, fine, 4, 4, 4, 4);
        setOneHotBins(1, coarse, 2, 2, 2, 2);
        List<Detection> out = decode();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).score()).isEqualTo(0.9f);
    }

    @Test
    void rejectsShortTensors() {
        FloatBuffer[] s = {FloatBuffer.wrap(new float[10]), wrap(scores)[1], wrap(scores)[2]};
        assertThatThrownBy(() -> decoder.decode(s, wrap(bins)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores[0]");
    }

    @Test
    void validatesConstructorArguments() {
        assertThatThrownBy(() -> new NanoDetDecoder(400, 0.25, new Nms(0.5, 10)))
                .hasMessageContaining("inputSize");
        assertThatThrownBy(() -> new NanoDetDecoder(416, 0, new Nms(0.5, 10)))
                .hasMessageContaining("scoreThreshold");
    }

    private void setOneHotBins(int level, int cell, int l, int t, int r, int b) {
        int[] hot = {l, t, r, b};
        for (int side = 0; side < 4; side++) {
            bins[level][cell * BIN_WIDTH + side * 11 + hot[side]] = HOT;
        }
    }

    private List<Detection> decode() {
        return decoder.decode(wrap(scores), wrap(bins));
    }

    private static FloatBuffer[] wrap(float[][] a) {
        return new FloatBuffer[] {FloatBuffer.wrap(a[0]), FloatBuffer.wrap(a[1]), FloatBuffer.wrap(a[2])};
    }
}
