package io.edgewatch.testing;

import io.edgewatch.ingest.PixelFormat;
import io.edgewatch.ingest.VideoFrame;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/** BGR test pictures as a decoder's yuv420p would give them (OpenCV's BGR -> I420, BT.601 limited range). */
public final class I420Frames {
    private I420Frames() {}

    public static byte[] toI420(byte[] bgr, int w, int h) {
        try (Mat src = new Mat(h, w, opencv_core.CV_8UC3); Mat dst = new Mat()) {
            src.data().put(bgr, 0, w * h * 3);
            opencv_imgproc.cvtColor(src, dst, opencv_imgproc.COLOR_BGR2YUV_I420);
            byte[] out = new byte[w * h * 3 / 2];
            dst.data().get(out);
            return out;
        }
    }

    /** The same frame (camera, sequence, times, size) with its pixels as I420. */
    public static VideoFrame toI420(VideoFrame f) {
        return new VideoFrame(f.camera(), f.sequence(), f.decodedNanos(), f.captureTime(), f.width(), f.height(),
                PixelFormat.I420, toI420(f.bgr(), f.width(), f.height()));
    }
}
