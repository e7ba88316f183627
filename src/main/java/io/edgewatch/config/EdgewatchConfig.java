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
        BudgetConfig budget) {
    public EdgewatchConfig {
        cameras = List.copyOf(cameras);
        budget = budget == null ? BudgetConfig.defaults() : budget;
    }

    /** Without a budget section: the default budget. */
    public EdgewatchConfig(DeviceConfig device, LoggingConfig logging, ModelConfig model, DetectConfig detect,
                           MqttConfig mqtt, List<CameraConfig> cameras) {
        this(device, logging, model, detect, mqtt, cameras, BudgetConfig.defaults());
    }
}
