package io.edgewatch.config;

import java.nio.file.Path;

/**
 * JPEG snapshots published with new events ({@code {prefix}/{device}/{camera}/snapshot}).
 *
 * @param enabled       off by default: a box sends no image unless the user asks for it
 * @param maxSize       longer side of the snapshot in pixels
 * @param quality       JPEG quality 1..100
 * @param blurFaces     pixelate faces found by BlazeFace before the image leaves the process (default on)
 * @param faceModel     BlazeFace ONNX model
 * @param faceThreshold BlazeFace score above which a face is blurred (and must not remain)
 * @param fullFrame     publish the whole frame instead of the object's crop
 */
public record SnapshotConfig(boolean enabled, int maxSize, int quality, boolean blurFaces, Path faceModel,
                             double faceThreshold, boolean fullFrame) {
    public static final SnapshotConfig DISABLED = new SnapshotConfig(false, 320, 80, true,
            Path.of("models/blazeface-back-256.onnx"), 0.5, false);
}
