package io.edgewatch.detect;

/**
 * How a frame was fitted into the network input, to map boxes in input pixels back to the frame,
 * normalised 0..1 and clipped. {@code inputX = frameX * scaleX + padX}.
 */
public record FrameMapping(float scaleX, float scaleY, float padX, float padY, int frameWidth, int frameHeight) {

    /** Mapping for a frame of {@code fw x fh} fitted into {@code iw x ih} with {@code resize}. */
    public static FrameMapping of(ModelFormat.Resize resize, int fw, int fh, int iw, int ih) {
        if (resize == ModelFormat.Resize.STRETCH) {
            return new FrameMapping((float) iw / fw, (float) ih / fh, 0f, 0f, fw, fh);
        }
        float scale = Math.min((float) iw / fw, (float) ih / fh);
        int w = Math.round(fw * scale);
        int h = Math.round(fh * scale);
        if (resize == ModelFormat.Resize.LETTERBOX_TOP_LEFT) {
            return new FrameMapping(scale, scale, 0f, 0f, fw, fh);
        }
        return new FrameMapping(scale, scale, (iw - w) / 2, (ih - h) / 2, fw, fh);
    }

    /** Scaled width of the frame inside the input, in input pixels. */
    public int contentWidth() { return Math.round(frameWidth * scaleX); }

    public int contentHeight() { return Math.round(frameHeight * scaleY); }

    /** Input-pixel x to normalised frame x, clipped to 0..1. */
    public float x(float inputX) {
        return clip((inputX - padX) / scaleX / frameWidth);
    }

    public float y(float inputY) {
        return clip((inputY - padY) / scaleY / frameHeight);
    }

    private static float clip(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }
}
