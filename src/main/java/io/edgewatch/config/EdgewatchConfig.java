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
        MetricsConfig metrics) {
    public EdgewatchConfig {
        cameras = List.copyOf(cameras);
        metrics = metrics == null ? MetricsConfig.defaults() : metrics;
    }

    /** Without a metrics section: the defaults (loopback, port 9464). */
    public EdgewatchConfig(DeviceConfig device, LoggingConfig logging, ModelConfig model, DetectConfig detect,
                           MqttConfig mqtt, List<CameraConfig> cameras) {
        this(device, logging, model, detect, mqtt, cameras, MetricsConfig.defaults());
    }
}
