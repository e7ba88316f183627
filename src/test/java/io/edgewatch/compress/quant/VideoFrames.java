package io.edgewatch.compress.quant;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.javacpp.indexer.UByteIndexer;

/** Test helper: frames of a video preprocessed NanoDet-style (416², BGR, per-channel mean/std, NCHW). */
final class VideoFrames {

    private static final float[] MEAN = {103.53f, 116.28f, 123.675f};
    private static final float[] STD = {57.375f, 57.12f, 58.395f};

    private VideoFrames() {
    }

    /** Every {@code stride}-th frame, {@code count} of them, as NCHW float tensors of side {@code size}. */
    static List<float[]> read(String path, int count, int stride, int size) throws Exception {
        List<float[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(path);
                OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
            g.start();
            int index = 0;
            Frame f;
            while (out.size() < count && (f = g.grabImage()) != null) {
                if (index++ % stride == 0) {
                    out.add(preprocess(conv.convert(f), size));
                }
            }
            g.stop();
        }
        return out;
    }

    private static float[] preprocess(Mat bgr, int size) {
        try (Mat small = new Mat(); Size s = new Size(size, size)) {
            resize(bgr, small, s, 0, 0, INTER_LINEAR);
            float[] x = new float[3 * size * size];
            try (UByteIndexer idx = small.createIndexer()) {
                for (int y = 0; y < size; y++) {
                    for (int xx = 0; xx < size; xx++) {
                        for (int c = 0; c < 3; c++) {
                            x[c * size * size + y * size + xx] = (idx.get(y, xx, c) - MEAN[c]) / STD[c];
                        }
                    }
                }
            }
            return x;
        }
    }
}
