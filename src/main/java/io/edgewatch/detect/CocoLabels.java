package io.edgewatch.detect;

import java.util.List;

/** The 80 COCO class names in the order NanoDet (and darknet's coco.names) index them. */
public final class CocoLabels {
    private static final List<String> NAMES = List.of(
            "person", "bicycle", "car", "motorbike", "aeroplane", "bus", "train", "truck", "boat",
            "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
            "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag",
            "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite", "baseball bat",
            "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle", "wine glass", "cup",
            "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange", "broccoli", "carrot",
            "hot dog", "pizza", "donut", "cake", "chair", "sofa", "pottedplant", "bed", "diningtable",
            "toilet", "tvmonitor", "laptop", "mouse", "remote", "keyboard", "cell phone", "microwave", "oven",
            "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
            "toothbrush");

    private CocoLabels() {}

    public static int size() { return NAMES.size(); }

    /** All names, index = class id. Immutable. */
    public static List<String> all() { return NAMES; }

    public static String label(int classId) {
        if (classId < 0 || classId >= NAMES.size()) {
            throw new IllegalArgumentException("classId out of range 0.." + (NAMES.size() - 1) + ": " + classId);
        }
        return NAMES.get(classId);
    }

    /** Class id of a label, or -1 when it is not a COCO name. */
    public static int indexOf(String label) {
        return NAMES.indexOf(label);
    }
}
