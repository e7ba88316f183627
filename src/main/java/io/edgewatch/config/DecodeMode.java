package io.edgewatch.config;

import java.util.Locale;

/** Which frames a camera's decoder decodes ({@code cameras[].decode}). */
public enum DecodeMode {
    /** Every frame. */
    ALL,
    /** Skip non-reference frames: a fraction of the decode cost when detect fps is far below the stream fps. */
    NONREF,
    /** Keyframes only: cheapest; detect_fps should not exceed the camera's keyframe rate. */
    KEYFRAMES;

    /** The value as written in the config file. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
