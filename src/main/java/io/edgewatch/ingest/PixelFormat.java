package io.edgewatch.ingest;

/** How a frame's pixels are laid out in its byte array. */
public enum PixelFormat {
    /** Packed B, G, R bytes, {@code width * 3} per row. */
    BGR24,
    /**
     * What a software H.264/H.265 decoder makes (yuv420p), unpadded in one array: the full-size Y plane, then U and
     * V at half width and height. BT.601 limited range, as FFmpeg's and OpenCV's conversions assume. Even sizes only.
     */
    I420;

    /** Bytes of a {@code width x height} picture. */
    public int bytes(int width, int height) {
        return this == BGR24 ? width * height * 3 : width * height * 3 / 2;
    }
}
