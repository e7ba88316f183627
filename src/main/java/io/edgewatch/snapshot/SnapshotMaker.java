package io.edgewatch.snapshot;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG snapshot of an event: the object's box (plus a margin) cropped from the frame, scaled down to at most
 * {@code maxSize} pixels on its longer side, faces pixelated by {@link FaceBlur} (when given) before encoding.
 * Full frames only when {@code fullFrame} is set. Not thread-safe (the face detector is not).
 */
public final class SnapshotMaker {
    private static final double CROP_MARGIN = 0.1;

    private final int maxSize;
    private final float quality;
    private final FaceBlur blur;
    private final boolean fullFrame;

    /** @param blur null publishes faces unblurred (only if the user explicitly turned blurring off) */
    public SnapshotMaker(int maxSize, int quality, FaceBlur blur, boolean fullFrame) {
        if (maxSize < 16) {
            throw new IllegalArgumentException("maxSize must be >= 16: " + maxSize);
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100: " + quality);
        }
        this.maxSize = maxSize;
        this.quality = quality / 100f;
        this.blur = blur;
        this.fullFrame = fullFrame;
    }

    /** @param x1..y2 the event's normalised box */
    public byte[] snapshot(BgrImage frame, double x1, double y1, double x2, double y2) {
        BgrImage crop = fullFrame ? frame : crop(frame, x1, y1, x2, y2);
        BgrImage small = scaleDown(crop);
        if (blur != null) {
            blur.anonymize(small);
        }
        return jpeg(small);
    }

    static BgrImage crop(BgrImage f, double x1, double y1, double x2, double y2) {
        double mx = (x2 - x1) * CROP_MARGIN;
        double my = (y2 - y1) * CROP_MARGIN;
        int px = (int) Math.floor((x1 - mx) * f.width());
        int py = (int) Math.floor((y1 - my) * f.height());
        int pw = (int) Math.ceil((x2 - x1 + 2 * mx) * f.width());
        int ph = (int) Math.ceil((y2 - y1 + 2 * my) * f.height());
        return f.crop(px, py, pw, ph);
    }

    private BgrImage scaleDown(BgrImage img) {
        double s = Math.min(1.0, (double) maxSize / Math.max(img.width(), img.height()));
        if (s >= 1.0) {
            return new BgrImage(img.width(), img.height(), img.bgr().clone());
        }
        int w = Math.max(1, (int) Math.round(img.width() * s));
        int h = Math.max(1, (int) Math.round(img.height() * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(toBuffered(img), 0, 0, w, h, null);
        g.dispose();
        return new BgrImage(w, h, ((DataBufferByte) out.getRaster().getDataBuffer()).getData());
    }

    private byte[] jpeg(BgrImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(toBuffered(img), null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** BGR bytes are exactly TYPE_3BYTE_BGR's layout. */
    static BufferedImage toBuffered(BgrImage img) {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) b.getRaster().getDataBuffer()).getData();
        System.arraycopy(img.bgr(), 0, dst, 0, dst.length);
        return b;
    }

    /** Decodes a JPEG (for tests and tools). */
    public static BgrImage decode(byte[] jpeg) {
        try {
            BufferedImage src = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
            BufferedImage b = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            b.getGraphics().drawImage(src, 0, 0, null);
            return new BgrImage(b.getWidth(), b.getHeight(), ((DataBufferByte) b.getRaster().getDataBuffer()).getData());
        } catch (IOException e) {
            throw new UncheckedIOException("not a JPEG", e);
        }
    }
}
