package io.edgewatch.ingest;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.io.IOException;
import java.util.function.IntFunction;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A decoded FFmpeg picture (any software pixel format, rows padded or not) to packed BGR24 in a Java array. The
 * grabber hands out the decoder's own picture and this converts only the frames someone asked for. swscale with
 * the flags JavaCV's grabber uses (so pictures are as before); with {@link ColourConversion#OPENCV} a yuv420p picture
 * is packed into one I420 buffer and converted by OpenCV (NEON on arm64), other formats still go through swscale.
 * One per camera, used by its decoder thread only.
 */
final class BgrConverter implements AutoCloseable {
    private final I420ToBgr i420;
    private final PointerPointer<BytePointer> dstData = new PointerPointer<>(4);
    private final IntPointer dstLines = new IntPointer(4);
    private SwsContext sws;
    private BytePointer staging = new BytePointer(0L); // swscale's BGR output or the packed I420 picture

    BgrConverter(ColourConversion colour) {
        this.i420 = colour == ColourConversion.OPENCV ? new I420ToBgr() : null;
    }

    /** Converts {@code picture} into {@code dst}, which holds exactly width × height × 3 bytes. */
    void convert(AVFrame picture, byte[] dst) throws IOException {
        int w = picture.width();
        int h = picture.height();
        int format = picture.format();
        if (dst.length != w * h * 3) {
            throw new IllegalArgumentException("BGR buffer of " + dst.length + " bytes for " + w + "x" + h);
        }
        if (i420 != null && format == AV_PIX_FMT_YUV420P && (w & 1) == 0 && (h & 1) == 0) {
            int size = av_image_get_buffer_size(format, w, h, 1);
            if (av_image_copy_to_buffer(staging(size), size, picture.data(), picture.linesize(), format, w, h, 1) < 0) {
                throw new IOException("cannot pack a " + w + "x" + h + " yuv420p picture");
            }
            i420.convert(staging, w, h, dst);
            return;
        }
        sws = sws_getCachedContext(sws, w, h, format, w, h, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        if (sws == null) {
            BytePointer name = av_get_pix_fmt_name(format);
            throw new IOException("swscale cannot convert " + (name == null ? "pixel format " + format
                    : name.getString()) + " to bgr24");
        }
        dstData.put(0, staging(w * h * 3));
        dstLines.put(0, w * 3);
        sws_scale(sws, picture.data(), picture.linesize(), 0, h, dstData, dstLines);
        staging.get(dst, 0, dst.length);
    }

    /**
     * Copies a yuv420p picture of even size into a buffer from {@code buffers} (w·h·3/2 bytes: Y, U, V planes,
     * rows unpadded); null, copying nothing, for any other picture.
     */
    byte[] copyI420(AVFrame picture, IntFunction<byte[]> buffers) throws IOException {
        int w = picture.width();
        int h = picture.height();
        if (picture.format() != AV_PIX_FMT_YUV420P || (w & 1) != 0 || (h & 1) != 0) {
            return null;
        }
        int size = av_image_get_buffer_size(AV_PIX_FMT_YUV420P, w, h, 1);
        if (av_image_copy_to_buffer(staging(size), size, picture.data(), picture.linesize(), AV_PIX_FMT_YUV420P, w,
                h, 1) < 0) {
            throw new IOException("cannot copy a " + w + "x" + h + " yuv420p picture");
        }
        byte[] dst = buffers.apply(size);
        staging.get(dst, 0, size);
        return dst;
    }

    /** The native buffer, grown to at least {@code size} bytes. */
    private BytePointer staging(int size) {
        if (staging.capacity() < size) {
            staging.close();
            staging = new BytePointer((long) size);
        }
        return staging;
    }

    @Override
    public void close() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        staging.close();
        dstData.close();
        dstLines.close();
        if (i420 != null) {
            i420.close();
        }
    }
}
