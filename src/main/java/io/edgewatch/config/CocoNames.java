package io.edgewatch.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The 80 COCO detection labels in class-id order (the order NanoDet-m and most COCO detectors emit),
 * spelled as the COCO-2017 annotations spell them (as Ultralytics and Frigate do). The one list of
 * label names: config validation and the detectors both use it, so a configured label always matches.
 */
public final class CocoNames {
    /** Label of class id {@code i} is {@code LABELS.get(i)}. */
    public static final List<String> LABELS = List.of(
            "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
            "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
            "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
            "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
            "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
            "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange",
            "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant",
            "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
            "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors",
            "teddy bear", "hair drier", "toothbrush");

    public static final Set<String> SET = Set.copyOf(LABELS);

    /** Darknet / Pascal-VOC spellings found in older labels files, mapped to the COCO-2017 name. */
    private static final Map<String, String> ALIASES = Map.of(
            "motorbike", "motorcycle", "aeroplane", "airplane", "sofa", "couch",
            "pottedplant", "potted plant", "diningtable", "dining table", "tvmonitor", "tv");

    private CocoNames() {}

    public static int size() { return LABELS.size(); }

    public static String label(int classId) {
        if (classId < 0 || classId >= LABELS.size()) {
            throw new IllegalArgumentException("classId out of range 0.." + (LABELS.size() - 1) + ": " + classId);
        }
        return LABELS.get(classId);
    }

    /** Class id of a label, or -1 when it is not a COCO name. */
    public static int indexOf(String label) {
        return LABELS.indexOf(label);
    }

    /** The COCO-2017 spelling of {@code name} when it is a known alias, else {@code name} unchanged. */
    public static String canonical(String name) {
        return ALIASES.getOrDefault(name, name);
    }
}
