package io.edgewatch.config;

import java.util.List;

/** Root of the validated, immutable configuration (YAML: see docs/config.md). */
public record EdgewatchConfig(
        DeviceConfig device,
        LoggingConfig logging,
        ModelConfig model,
        DetectConfig detect,
        MqttConfig mqtt,
        List<CameraConfig> cameras) {
    public EdgewatchConfig {
        cameras = List.copyOf(cameras);
    }
}
