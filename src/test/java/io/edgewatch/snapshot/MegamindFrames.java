package io.edgewatch.snapshot;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/** Test helper: frames of Debian opencv-doc's Megamind.avi (faces) as BGR images. */
final class MegamindFrames {
    static final String PATH = "/usr/share/doc/opencv-doc/examples/data/Megamind.avi";

    private MegamindFrames() {}

    /** Every {@code stride}-th frame, at most {@code count}. */
    static List<BgrImage> read(int count, int stride) throws Exception {
        List<BgrImage> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(PATH);
             OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
            g.start();
            int index = 0;
            Frame f;
            while (out.size() < count && (f = g.grabImage()) != null) {
                if (index++ % stride == 0) {
                    Mat m = conv.convert(f);
                    byte[] bgr = new byte[m.cols() * m.rows() * 3];
                    m.data().get(bgr);
                    out.add(new BgrImage(m.cols(), m.rows(), bgr));
                }
            }
            g.stop();
        }
        return out;
    }
}
