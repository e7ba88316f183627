package io.edgewatch.ingest;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * I420 (planar Y, then U and V at half resolution, rows unpadded, one buffer) to packed BGR with OpenCV, into a BGR Mat reused
 * while the frame size stays the same. One per camera; not thread-safe.
 */
final class I420ToBgr implements AutoCloseable {
    private Mat bgr = new Mat();
    private int width;
    private int height;

    /** Converts {@code i420} (at least w·h·3/2 bytes) and copies the result into {@code dst} (w·h·3). */
    void convert(BytePointer i420, int w, int h, byte[] dst) {
        if ((w & 1) != 0 || (h & 1) != 0) {
            throw new IllegalArgumentException("I420 needs even width and height: " + w + "x" + h);
        }
        if (i420.capacity() < w * h * 3 / 2 || dst.length < w * h * 3) {
            throw new IllegalArgumentException("buffers too small for " + w + "x" + h);
        }
        if (w != width || h != height) {
            bgr.close();
            bgr = new Mat(h, w, CV_8UC3);
            width = w;
            height = h;
        }
        try (Mat src = new Mat(h * 3 / 2, w, CV_8UC1, i420)) {
            cvtColor(src, bgr, COLOR_YUV2BGR_I420);
        }
        bgr.data().get(dst, 0, w * h * 3);
    }

    /** Converts {@code i420} (a Java array, w·h·3/2 bytes) into {@code dst} (w·h·3). */
    void convert(byte[] i420, int w, int h, byte[] dst) {
        if (i420.length < w * h * 3 / 2) {
            throw new IllegalArgumentException("I420 buffer too small for " + w + "x" + h);
        }
        try (BytePointer src = new BytePointer(i420)) {
            convert(src, w, h, dst);
        }
    }

    @Override
    public void close() {
        bgr.close();
    }
}
