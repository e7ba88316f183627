package io.edgewatch.detect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/**
 * Writes an 8-bit BGR picture of the network's input size into the input tensor in OpenCV (native): NCHW
 * through {@code split} into planes that view the tensor (uint8) or into 8-bit planes scaled by
 * {@code convertTo(alpha = 1/std, beta = -mean/std)} straight into the tensor's float planes; NHWC through
 * one {@code convertTo} (or copy) into a packed view of the tensor, or per channel and {@code merge} when the
 * channels have different mean/std. Every Mat is allocated once; the tensor views point at the runtime's own
 * input buffer, which must outlive this writer. Not thread-safe.
 */
final class TensorWriter implements AutoCloseable {
    private final ImagePreprocessor.Spec spec;
    private final boolean uniform;
    private final MatVector split = new MatVector(3);
    private final Mat[] bytePlanes = new Mat[3]; // BGR order, the Mats in split
    private final Mat[] floatPlanes = new Mat[3]; // network channel order
    private final MatVector mergeSources = new MatVector(3);
    private final Mat packed;
    private final Mat rgb;

    TensorWriter(ImagePreprocessor.Spec spec, ByteBuffer target) {
        this.spec = spec;
        float[] m = spec.mean();
        float[] s = spec.std();
        this.uniform = spec.uint8() || (m[0] == m[1] && m[1] == m[2] && s[0] == s[1] && s[1] == s[2]);
        int w = spec.width();
        int h = spec.height();
        int plane = w * h;
        int elem = spec.uint8() ? 1 : Float.BYTES;
        int depth = spec.uint8() ? opencv_core.CV_8U : opencv_core.CV_32F;
        ByteBuffer t = target.duplicate().order(ByteOrder.nativeOrder());
        boolean planar = !spec.nhwc();
        boolean splitInto = planar || !uniform;
        for (int c = 0; c < 3; c++) {
            int out = channel(c);
            if (planar) {
                floatPlanes[out] = view(t, out * plane * elem, plane * elem, h, w, opencv_core.CV_MAKETYPE(depth, 1));
            } else if (!uniform) {
                floatPlanes[out] = new Mat(h, w, opencv_core.CV_32FC1);
                mergeSources.put(out, floatPlanes[out]);
            }
            // uint8 NCHW splits straight into the tensor; float splits into 8-bit planes first.
            bytePlanes[c] = planar && spec.uint8() ? floatPlanes[out] : new Mat(h, w, opencv_core.CV_8UC1);
            if (splitInto) {
                split.put(c, bytePlanes[c]);
            }
        }
        this.packed = planar ? null : view(t, 0, 3 * plane * elem, h, w, opencv_core.CV_MAKETYPE(depth, 3));
        this.rgb = spec.rgb() && !planar && uniform ? new Mat(h, w, opencv_core.CV_8UC3) : null;
    }

    /** Network channel index of BGR channel {@code c}. */
    private int channel(int c) {
        return spec.rgb() ? 2 - c : c;
    }

    private static Mat view(ByteBuffer t, int offset, int length, int rows, int cols, int type) {
        ByteBuffer slice = t.duplicate().position(offset).limit(offset + length).slice();
        return new Mat(rows, cols, type, new Pointer(slice));
    }

    /** {@code canvas}: 8-bit BGR, the network's input size, already fitted (and padded). */
    void write(Mat canvas) {
        if (!spec.nhwc()) {
            opencv_core.split(canvas, split);
            if (!spec.uint8()) {
                scalePlanes();
            }
        } else if (uniform) {
            Mat src = canvas;
            if (rgb != null) {
                opencv_imgproc.cvtColor(canvas, rgb, opencv_imgproc.COLOR_BGR2RGB);
                src = rgb;
            }
            if (spec.uint8()) {
                src.copyTo(packed);
            } else {
                src.convertTo(packed, opencv_core.CV_32F, 1.0 / spec.std()[0], -spec.mean()[0] / spec.std()[0]);
            }
        } else {
            opencv_core.split(canvas, split);
            scalePlanes();
            opencv_core.merge(mergeSources, packed);
        }
    }

    private void scalePlanes() {
        for (int c = 0; c < 3; c++) {
            int out = channel(c);
            double std = spec.std()[out];
            bytePlanes[c].convertTo(floatPlanes[out], opencv_core.CV_32F, 1.0 / std, -spec.mean()[out] / std);
        }
    }

    @Override
    public void close() {
        split.close();
        mergeSources.close();
        for (int c = 0; c < 3; c++) {
            if (bytePlanes[c] != floatPlanes[channel(c)]) {
                close(bytePlanes[c]);
            }
            close(floatPlanes[c]);
        }
        close(packed);
        close(rgb);
    }

    private static void close(Mat m) {
        if (m != null) {
            m.close();
        }
    }
}
