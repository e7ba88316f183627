package io.edgewatch.compress.importer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgewatch.detect.OrtSessions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The TF.js reference run (tools/tfjs-reference/make-reference.mjs): the dog.jpg input, normalised
 * exactly as in the script, and the six NanoDet outputs TF.js produced for it.
 */
final class NanodetReference {

    static final int SIZE = 416;
    static final String[] OUTPUTS = {"Identity", "Identity_1", "Identity_2", "Identity_3", "Identity_4", "Identity_5"};
    static final int[] ROWS = {2704, 676, 169, 2704, 676, 169};
    static final int[] COLS = {80, 80, 80, 44, 44, 44};
    private static final float[] MEAN = {103.53f, 116.28f, 123.675f};
    private static final float[] STD = {57.375f, 57.12f, 58.395f};

    private NanodetReference() {}

    /** NCHW float input built from the committed 416×416 BGR bytes. */
    static float[] input() throws IOException {
        byte[] bgr = gunzip("reference/dog-416x416.bgr.gz");
        if (bgr.length != SIZE * SIZE * 3) {
            throw new IOException("bad reference input length " + bgr.length);
        }
        float[] x = new float[3 * SIZE * SIZE];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < SIZE * SIZE; i++) {
                x[c * SIZE * SIZE + i] = ((bgr[i * 3 + c] & 0xFF) - MEAN[c]) / STD[c];
            }
        }
        return x;
    }

    /** The six TF.js outputs, flattened, in Identity..Identity_5 order. */
    static List<float[]> expected() throws IOException {
        ByteBuffer all = ByteBuffer.wrap(gunzip("reference/nanodet-dog-outputs.f32.gz")).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < OUTPUTS.length; i++) {
            float[] f = new float[ROWS[i] * COLS[i]];
            all.asFloatBuffer().get(f);
            all.position(all.position() + 4 * f.length);
            out.add(f);
        }
        if (all.hasRemaining()) {
            throw new IOException("reference has " + all.remaining() + " extra bytes");
        }
        return out;
    }

    /** Runs the session once on {@code x}; outputs in Identity..Identity_5 order. */
    static List<float[]> run(OrtSession s, float[] x) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 3, SIZE, SIZE});
             OrtSession.Result r = s.run(Map.of("input_1", in))) {
            List<float[]> out = new ArrayList<>();
            for (String name : OUTPUTS) {
                FloatBuffer fb = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
                float[] f = new float[fb.remaining()];
                fb.get(f);
                out.add(f);
            }
            return out;
        }
    }

    static OrtSession.SessionOptions options(OrtSession.SessionOptions.OptLevel level) throws OrtException {
        return OrtSessions.options(1, level);
    }

    static float maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("length " + a.length + " vs " + b.length);
        }
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static byte[] gunzip(String resource) throws IOException {
        InputStream raw = NanodetReference.class.getClassLoader().getResourceAsStream(resource);
        if (raw == null) {
            throw new IOException("missing test resource " + resource);
        }
        try (InputStream in = new GZIPInputStream(raw)) {
            return in.readAllBytes();
        }
    }
}
