package io.edgewatch.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Identity of a model file: its name as shown in events and its sha256. */
final class ModelFiles {
    private ModelFiles() {}

    /** File name without the {@code .onnx} / {@code .tflite} suffix, e.g. {@code nanodet-m-416.int8}. */
    static String modelName(Path model) {
        String file = model.getFileName().toString();
        for (String ext : new String[] {".onnx", ".tflite"}) {
            if (file.endsWith(ext)) {
                return file.substring(0, file.length() - ext.length());
            }
        }
        return file;
    }

    /** True for a TensorFlow Lite flatbuffer (by extension). */
    static boolean isTflite(Path model) {
        return model.getFileName().toString().endsWith(".tflite");
    }

    static String sha256(Path file) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                md.update(chunk, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + file, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
