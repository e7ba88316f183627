package io.edgewatch.publish;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.HomeAssistantConfig;
import io.edgewatch.event.DetectionEvent;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Home Assistant from the config: retains the discovery configs of every enabled camera and label, clears (empty
 * retained payload) those announced before that are no longer wanted, and keeps each camera's retained state
 * (object counts) current through {@link #counts()}. {@link #reconfigure} does the same for a reloaded config.
 */
public final class HomeAssistantSetup {
    /** Labels Home Assistant gets sensors for when detect.labels does not list them. */
    static final List<String> DEFAULT_LABELS = List.of("person", "car", "dog", "cat");
    /** The list of announced discovery topics, in the state directory next to the outbox. */
    public static final String ANNOUNCED_FILE = "ha-discovery.txt";
    private static final byte[] CLEAR = new byte[0];

    private final MqttTopics topics;
    private final String swVersion;
    private final BiConsumer<String, byte[]> retain;
    private final AnnouncedTopics store;
    private final Set<String> announced;
    private final ObjectCounts counts;

    private HomeAssistantSetup(EdgewatchConfig config, MqttTopics topics, String swVersion, Path announcedFile,
                               BiConsumer<String, byte[]> retain) {
        this.topics = topics;
        this.swVersion = swVersion;
        this.retain = retain;
        this.store = new AnnouncedTopics(announcedFile);
        this.announced = store.load();
        this.counts = new ObjectCounts(cameras(config), labels(config),
                (camera, json) -> retain.accept(topics.state(camera), json));
        announce(config);
    }

    /**
     * @param announcedFile where the announced topics are kept between runs; null = nowhere (nothing is cleared
     *                      after a restart)
     * @param retain        publishes one retained message (topic, payload); called here for the configs and the
     *                      first states, later by {@link #counts()} on the thread that hands it events
     */
    public static HomeAssistantSetup start(EdgewatchConfig config, MqttTopics topics, String swVersion,
                                           Path announcedFile, BiConsumer<String, byte[]> retain) {
        return new HomeAssistantSetup(config, topics, swVersion, announcedFile, retain);
    }

    /** Without a memory between runs, for tests and in-memory setups. */
    public static Consumer<DetectionEvent> announce(EdgewatchConfig config, MqttTopics topics,
                                                    BiConsumer<String, byte[]> retain) {
        return start(config, topics, "dev", null, retain).counts();
    }

    /** The event consumer that keeps the per-camera state topics current. */
    public Consumer<DetectionEvent> counts() {
        return counts;
    }

    /**
     * For a reloaded config (cameras, detect.labels, homeassistant.*): announces what is new, clears what is gone
     * and lists new labels in the state topics. Cheap when nothing changed (the hand-off keeps the latest payload
     * per topic).
     */
    public void reconfigure(EdgewatchConfig config) {
        counts.list(cameras(config), labels(config));
        announce(config);
    }

    private synchronized void announce(EdgewatchConfig config) {
        HomeAssistantConfig ha = config.homeassistant();
        Map<String, byte[]> configs = ha.enabled()
                ? new HomeAssistant(topics, config.device().name(), ha.prefix(), swVersion)
                        .configs(cameras(config), labels(config))
                : Map.of();
        configs.forEach(retain);
        Set<String> gone = new LinkedHashSet<>(announced);
        gone.removeAll(configs.keySet());
        gone.forEach(topic -> retain.accept(topic, CLEAR));
        announced.clear();
        announced.addAll(configs.keySet());
        store.save(announced);
    }

    private static List<String> cameras(EdgewatchConfig config) {
        return config.cameras().stream().filter(CameraConfig::enabled).map(CameraConfig::name).toList();
    }

    static List<String> labels(EdgewatchConfig config) {
        List<String> configured = config.detect().labels();
        return configured.isEmpty() ? DEFAULT_LABELS : configured;
    }
}
