package io.edgewatch.snapshot;

import java.util.Objects;

/** A packed BGR24 image (row-major, 3 bytes per pixel), e.g. a crop of a video frame. Mutable pixels. */
public record BgrImage(int width, int height, byte[] bgr) {
    public BgrImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        Objects.requireNonNull(bgr, "bgr must not be null");
        if (bgr.length < width * height * 3) {
            throw new IllegalArgumentException("bgr buffer too small for " + width + "x" + height);
        }
    }

    /** Copy of the region [x, x+w) x [y, y+h), clamped to the image. */
    public BgrImage crop(int x, int y, int w, int h) {
        int x0 = Math.max(0, Math.min(width - 1, x));
        int y0 = Math.max(0, Math.min(height - 1, y));
        int cw = Math.max(1, Math.min(width - x0, w));
        int ch = Math.max(1, Math.min(height - y0, h));
        byte[] out = new byte[cw * ch * 3];
        for (int row = 0; row < ch; row++) {
            System.arraycopy(bgr, ((y0 + row) * width + x0) * 3, out, row * cw * 3, cw * 3);
        }
        return new BgrImage(cw, ch, out);
    }

    /** Channel value 0..255 at (x, y), c = 0 blue, 1 green, 2 red. */
    public int at(int x, int y, int c) {
        return bgr[(y * width + x) * 3 + c] & 0xFF;
    }
}
