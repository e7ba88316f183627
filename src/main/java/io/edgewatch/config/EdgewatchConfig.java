package io.edgewatch.config;

import java.util.List;

/** Root of the validated, immutable configuration (YAML: see docs/config.md). */
public record EdgewatchConfig(
        DeviceConfig device,
        LoggingConfig logging,
        ModelConfig model,
        DetectConfig detect,
        MqttConfig mqtt,
        List<CameraConfig> cameras,
        SnapshotConfig snapshots) {
    public EdgewatchConfig {
        cameras = List.copyOf(cameras);
        snapshots = snapshots == null ? SnapshotConfig.DISABLED : snapshots;
    }

    /** Without snapshots. */
    public EdgewatchConfig(DeviceConfig device, LoggingConfig logging, ModelConfig model, DetectConfig detect,
                           MqttConfig mqtt, List<CameraConfig> cameras) {
        this(device, logging, model, detect, mqtt, cameras, SnapshotConfig.DISABLED);
    }
}
