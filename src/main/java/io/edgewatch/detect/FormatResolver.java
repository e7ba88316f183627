package io.edgewatch.detect;

import io.edgewatch.config.CocoNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;

/**
 * Picks the output format of a loaded model (or checks the configured one) and builds its preprocessing
 * and decoder. Auto-detection only accepts layouts that fit exactly one format; anything else is one
 * error naming every layout it knows.
 */
public final class FormatResolver {
    static final String EXPECTED = "nanodet (six outputs: per-stride scores [1,N,C] and distance bins [1,N,44]), "
            + "yolov8 ([1,4+C,N], N = cells of strides 8/16/32, e.g. 8400 at 640x640), "
            + "yolov5 ([1,3N,5+C], three anchors per cell), yolox ([1,N,5+C], one row per cell), "
            + "ssd (four outputs: boxes [1,K,4], classes [1,K], scores [1,K], count [1])";

    /** What the detector needs: how to fill the input and how to read the outputs. */
    public record Resolved(ModelFormat format, ImagePreprocessor.Spec spec, OutputDecoder decoder, List<String> labels) {}

    private FormatResolver() {}

    /**
     * @param configured the configured format, or null for auto
     * @param labelsFile labels used when the model has no {@code names} metadata; null for COCO-80
     */
    public static Resolved resolve(InferenceBackend backend, ModelFormat configured, Path labelsFile,
                                   double threshold, Nms nms, String modelName) {
        List<ModelFormat> fits = candidates(backend);
        ModelFormat detected = fits.size() == 1 ? fits.get(0) : null;
        if (configured == null && detected == null) {
            String why = fits.isEmpty() ? "" : " (the layout fits several: "
                    + fits.stream().map(ModelFormat::key).collect(Collectors.joining(", ")) + ")";
            throw new IllegalArgumentException("cannot tell the format of model " + modelName + " from its outputs "
                    + backend.outputs() + why + "; expected one of: " + EXPECTED
                    + ". Set model.format to one of " + ModelFormat.choices());
        }
        ModelFormat format = configured != null ? configured : detected;
        if (configured != null && detected != configured && !fitsLoosely(configured, backend)) {
            throw new IllegalArgumentException("model " + modelName + " has outputs " + backend.outputs()
                    + ", which do not fit model.format " + configured.key() + "; expected one of: " + EXPECTED);
        }
        List<String> labels = ModelLabels.resolve(backend.metadata(), labelsFile);
        boolean defaultLabels = labels == CocoNames.LABELS;
        ImagePreprocessor.Spec spec = new ImagePreprocessor.Spec(backend.inputWidth(), backend.inputHeight(),
                backend.nhwc(), format.rgb(), format.resize(), format.mean(), format.std(), backend.inputUint8());
        return new Resolved(format, spec, decoder(format, backend, labels, defaultLabels, threshold, nms), labels);
    }

    /** The single format the outputs fit, or null when none or several do. */
    public static ModelFormat detect(InferenceBackend backend) {
        List<ModelFormat> fits = candidates(backend);
        return fits.size() == 1 ? fits.get(0) : null;
    }

    /** Every format whose exact layout the outputs have (more than one = ambiguous). */
    static List<ModelFormat> candidates(InferenceBackend backend) {
        List<TensorView> outs = backend.outputs();
        int w = backend.inputWidth();
        int h = backend.inputHeight();
        List<ModelFormat> fits = new ArrayList<>();
        if (w == h && NanoDetOutputDecoder.matches(outs, w)) {
            fits.add(ModelFormat.NANODET);
        }
        if (SsdDecoder.roles(outs) != null) {
            fits.add(ModelFormat.SSD);
        }
        if (outs.size() == 1 && outs.get(0).rank() == 3) {
            int a = outs.get(0).dim(1);
            int b = outs.get(0).dim(2);
            int cells = YoloDecoder.gridCells(w, h);
            if (b == cells && a >= 5) {
                fits.add(ModelFormat.YOLOV8);
            }
            if (a == cells && b >= 6) {
                fits.add(ModelFormat.YOLOX);
            }
            if (a == 3 * cells && b >= 6) {
                fits.add(ModelFormat.YOLOV5);
            }
        }
        return fits;
    }

    /** Rank/count check for an explicitly configured format whose exact cell count differs (other strides). */
    private static boolean fitsLoosely(ModelFormat f, InferenceBackend backend) {
        List<TensorView> outs = backend.outputs();
        return switch (f) {
            case NANODET -> backend.inputWidth() == backend.inputHeight()
                    && NanoDetOutputDecoder.matches(outs, backend.inputWidth());
            case SSD -> SsdDecoder.roles(outs) != null;
            case YOLOV8 -> outs.size() == 1 && outs.get(0).rank() == 3 && outs.get(0).dim(1) >= 5;
            case YOLOV5, YOLOX -> outs.size() == 1 && outs.get(0).rank() == 3 && outs.get(0).dim(2) >= 6;
        };
    }

    private static OutputDecoder decoder(ModelFormat format, InferenceBackend backend, List<String> labels,
                                         boolean defaultLabels, double threshold, Nms nms) {
        int w = backend.inputWidth();
        int h = backend.inputHeight();
        return switch (format) {
            case NANODET -> new NanoDetOutputDecoder(new NanoDetDecoder(w, threshold, nms));
            case YOLOV8, YOLOV5, YOLOX -> new YoloDecoder(format, labels, threshold, nms, w, h);
            case SSD -> new SsdDecoder(labels, ssdClassMap(backend, defaultLabels), threshold, nms, w, h);
        };
    }

    /**
     * With a labels file or metadata, class ids index the names directly. Without, the model is taken to
     * be COCO-91 trained (the TF Object Detection API): TFLite's post-process op emits 0-based ids, the
     * TF / ONNX exports 1-based category ids.
     */
    private static IntUnaryOperator ssdClassMap(InferenceBackend backend, boolean defaultLabels) {
        if (!defaultLabels) {
            return id -> id;
        }
        int offset = backend.runtime().startsWith("tflite") ? 0 : 1;
        return id -> ModelLabels.coco80FromCoco91(id - offset);
    }
}
