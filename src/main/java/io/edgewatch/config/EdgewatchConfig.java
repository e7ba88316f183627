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
        BudgetConfig budget,
        SnapshotConfig snapshots,
        HomeAssistantConfig homeassistant) {
    public EdgewatchConfig {
        cameras = List.copyOf(cameras);
        metrics = metrics == null ? MetricsConfig.defaults() : metrics;
        budget = budget == null ? BudgetConfig.defaults() : budget;
        snapshots = snapshots == null ? SnapshotConfig.DISABLED : snapshots;
        homeassistant = homeassistant == null ? HomeAssistantConfig.defaults() : homeassistant;
    }

    /** Without a homeassistant section: discovery on, default prefix. */
    public EdgewatchConfig(DeviceConfig device, LoggingConfig logging, ModelConfig model, DetectConfig detect,
                           MqttConfig mqtt, List<CameraConfig> cameras, MetricsConfig metrics, BudgetConfig budget,
                           SnapshotConfig snapshots) {
        this(device, logging, model, detect, mqtt, cameras, metrics, budget, snapshots, null);
    }

    /** Without metrics, budget and snapshots sections: their defaults. */
    public EdgewatchConfig(DeviceConfig device, LoggingConfig logging, ModelConfig model, DetectConfig detect,
                           MqttConfig mqtt, List<CameraConfig> cameras) {
        this(device, logging, model, detect, mqtt, cameras, MetricsConfig.defaults(), BudgetConfig.defaults(),
                SnapshotConfig.DISABLED, null);
    }
}
