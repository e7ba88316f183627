package io.edgewatch.compress.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Reading and writing ONNX files, and their size after deflate (what a zip or a compressed download costs). */
public final class OnnxFiles {
    private OnnxFiles() {}

    public static ModelProto read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("model file not found: " + file);
        }
        return ModelProto.parseFrom(Files.readAllBytes(file));
    }

    public static void write(ModelProto model, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, model.toByteArray());
    }

    /**
     * Bytes after java.util.zip deflate at the default level (6), counted without keeping the output. Level 9 gains
     * under 1% here and is many times slower on the repetitive data of quantized weights.
     */
    public static long deflatedSize(byte[] data) {
        CountingStream count = new CountingStream();
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream out = new DeflaterOutputStream(count, d, 1 << 16)) {
            out.write(data);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory deflate failed", e);
        } finally {
            d.end();
        }
        return count.bytes;
    }

    public static long deflatedSize(Path file) throws IOException {
        return deflatedSize(Files.readAllBytes(file));
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
