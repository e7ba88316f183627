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
        MetricsConfig metrics,
        BudgetConfig budget) {
    public EdgewatchConfig {
        cameras = List.copyOf(cameras);
        metrics = metrics == null ? MetricsConfig.defaults() : metrics;
        budget = budget == null ? BudgetConfig.defaults() : budget;
    }

    /** Without metrics and budget sections: their defaults (metrics on loopback port 9464, full budget). */
    public EdgewatchConfig(DeviceConfig device, LoggingConfig logging, ModelConfig model, DetectConfig detect,
                           MqttConfig mqtt, List<CameraConfig> cameras) {
        this(device, logging, model, detect, mqtt, cameras, MetricsConfig.defaults(), BudgetConfig.defaults());
    }
}
