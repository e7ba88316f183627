package io.edgewatch.cli.models;

import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.ModelDetector;
import io.edgewatch.detect.ModelFormat;
import io.edgewatch.detect.Nms;
import java.nio.file.Path;

/**
 * Which models {@code models quantize} takes: float ONNX image models. TFLite files are refused (the
 * shipped TFLite SSD is already uint8; quantize its ONNX/float original instead). Among ONNX formats the
 * float-tail rules (keep the head's box/score tail in float) are verified on NanoDet only; for the others
 * the result must be checked with {@code models eval} before use.
 */
final class QuantizeSupport {
    static final String SUPPORTED = "float32 ONNX models; verified on nanodet; yolov8, yolov5, yolox and ssd "
            + "ONNX graphs are quantized generically (check with `models eval`); .tflite is not supported";

    private QuantizeSupport() {}

    /** Null when {@code model} can be quantized, else why not. Prints a warning for unverified formats. */
    static String refusal(Path model) {
        if (model.toString().endsWith(".tflite")) {
            return model + ": TFLite models cannot be quantized here; models quantize takes " + SUPPORTED;
        }
        if (!java.nio.file.Files.isRegularFile(model)) {
            return null; // reported by the quantizer as one line: what is missing, where
        }
        try (ModelDetector d = new DetectorFactory(io.edgewatch.util.TimeSource.system()).open(model, null, null, 1, 416, 0.5,
                new Nms(0.5, 10))) {
            if (d.format() != ModelFormat.NANODET) {
                System.err.println("warning: " + model + " is " + d.format().key()
                        + "; int8 quantization is verified on nanodet only. Check the result with models eval.");
            }
            return null;
        } catch (IllegalArgumentException e) {
            // not a detector layout we decode: the graph is still quantized generically
            System.err.println("warning: " + model + ": no known detector layout (" + e.getMessage()
                    + "); quantizing the graph generically, check the result with models eval");
            return null;
        }
    }
}
