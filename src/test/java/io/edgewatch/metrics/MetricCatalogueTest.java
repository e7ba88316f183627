package io.edgewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.detect.InferenceTiming;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.event.EventType;
import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.testing.FakeTime;
import io.edgewatch.util.TimeSource;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.publish.PublisherSettings;
import io.edgewatch.schedule.CameraSlot;
import io.edgewatch.schedule.ModelSwap;
import io.edgewatch.schedule.RecentFrames;
import io.edgewatch.schedule.SwappableDetector;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.ModelTrial;
import io.edgewatch.ingest.VideoFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalogue against what is really exposed and documented: every binder's meter appears in the scrape under
 * the catalogue's Prometheus name, no edgewatch meter exists outside the catalogue, and docs/metrics.md has a row
 * for every catalogue metric (name, type, tags) and none that is stale.
 */
class MetricCatalogueTest {
    /** Table rows: | `dot.name` | `prometheus_name` | type | tags | meaning | */
    /** Tag value rows: | `dot.name` | `tag` | `v1`, `v2` | */
    private static final Pattern VALUES = Pattern.compile("^\\|\\s*`(edgewatch\\.[a-z.]+)`\\s*\\|\\s*`([a-z_]+)`\\s*\\|"
            + "\\s*(`[a-z_]+`(?:,\\s*`[a-z_]+`)*)\\s*\\|\\s*$");
    /** Tags whose values come from the config, the model or the build rather than from a fixed list. */
    private static final Set<String> OPEN_TAGS = Set.of("camera", "model", "label", "version", "commit", "name", "sha256", "thread",
            "variant", "cpu");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`(edgewatch\\.[a-z.]+)`\\s*\\|\\s*`([a-z_]+)`\\s*\\|"
            + "\\s*([a-z]+)\\s*\\|\\s*([^|]*)\\|");

    private final FakeTime time = FakeTime.atNanos(1_000_000_000L);
    private CameraIngest camera;
    private MqttPublisher publisher;
    private OpsMetrics metrics;
    private final EventMetrics events = new EventMetrics();
    private final InferenceTiming inference = new InferenceTiming(time, 16);

    @BeforeEach
    void bind() {
        camera = new CameraIngest(CameraConfig.builder("door").url("rtsp://127.0.0.1:1/none").build(),
                TimeSource.system());
        CameraSlot slot = new CameraSlot("door", 5, () -> null);
        publisher = new MqttPublisher(new MqttConfig("tcp://127.0.0.1:1", "127.0.0.1", 0, "edgewatch", "", "", "", 1),
                "box", "tcp://127.0.0.1:1", PublisherSettings.defaults(), new EventCodec(), TimeSource.system());
        Progress progress = new Progress(time::nanos, time, Duration.ofSeconds(20));
        ServiceMetrics service = new ServiceMetrics(progress);
        metrics = new OpsMetrics(List.of(new IngestMetrics(List.of(camera)), new ScheduleMetrics(List.of(slot)),
                new DetectMetrics("nanodet-m-416", inference, new InferenceTiming(time, 16), time),
                new PublishMetrics(publisher), events, service, modelMetrics(),
                new ThreadMetrics(List.of(publisher.supervisor()))));
        service.countReload(ServiceMetrics.ReloadResult.REJECTED);
        EventFactory f = EventFixtures.factory("box");
        for (EventType type : EventType.values()) {
            events.accept(f.create(type, "1", "door", EventFixtures.T0, EventFixtures.FRAME,
                    EventFixtures.person(0.9f), EventFixtures.MODEL));
        }
    }

    private ModelMetrics modelMetrics() {
        Detector fake = new Detector() {
            @Override public List<Detection> detect(VideoFrame f) { return List.of(); }
            @Override public String modelName() { return "nanodet-m-416"; }
            @Override public String modelSha256() { return "ab12"; }
            @Override public InferenceTiming inferenceTiming() { return inference; }
            @Override public InferenceTiming preprocessTiming() { return inference; }
            @Override public void close() { }
        };
        SwappableDetector holder = new SwappableDetector(fake);
        ModelSwap swap = new ModelSwap(holder, new RecentFrames(1, 0), new DetectorFactory(time), new ModelTrial(time),
                new ModelConfig(Path.of("x.onnx"), 1, 416), () -> 5, 0.5);
        ModelMetrics m = new ModelMetrics(fake, swap, time);
        m.variantChosen("nanodet-m-416.int8", "Test CPU");
        return m;
    }

    @AfterEach
    void close() {
        metrics.close();
        camera.close();
        publisher.close();
    }

    @Test
    void everyCatalogueMetricIsExposedUnderItsPrometheusName() {
        long start = inference.start();
        time.advanceNanos(42_000_000L);
        inference.end(start);
        String text = metrics.scrape();
        for (Metric m : Metric.values()) {
            assertThat(text).as(m.meterName()).containsPattern("(?m)^# TYPE " + m.prometheusName() + " ");
        }
        assertThat(text).contains("edgewatch_inference_latency_seconds_count{model=\"nanodet-m-416\"} 1")
                .contains("edgewatch_inference_latency_seconds_sum{model=\"nanodet-m-416\"} 0.042")
                .contains("edgewatch_config_reload_total{result=\"rejected\"} 1.0")
                .contains("edgewatch_model_info{name=\"nanodet-m-416\",sha256=\"ab12\"} 1")
                .contains("edgewatch_model_swaps_total{result=\"too_slow\"} 0.0")
                .contains("edgewatch_model_variant_info{cpu=\"Test CPU\",variant=\"nanodet-m-416.int8\"} 1")
                .contains("edgewatch_camera_state{camera=\"door\",state=\"stopped\"} 1.0");
    }

    @Test
    void outboxDropsAreExposedByReasonAndThreadRestartsByThread() {
        String text = metrics.scrape();
        for (String reason : List.of("full", "expired", "write_error", "no_space")) {
            assertThat(text).contains("edgewatch_outbox_dropped_total{reason=\"" + reason + "\"} 0.0");
            assertThat(Metric.OUTBOX_DROPPED.description()).contains(reason);
        }
        assertThat(text).contains("edgewatch_thread_restarts_total{thread=\"mqtt-publisher\"} 0.0")
                .contains("edgewatch_outbox_spilled 0.0").contains("edgewatch_outbox_pending_deletes 0.0");
    }

    @Test
    void noEdgewatchMeterOutsideTheCatalogue() {
        Set<String> exposed = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (edgewatch_\\S+) ").matcher(metrics.scrape());
        while (m.find()) {
            exposed.add(m.group(1));
        }
        Set<String> catalogued = new TreeSet<>();
        for (Metric metric : Metric.values()) {
            catalogued.add(metric.prometheusName());
            if (metric.type() == Metric.Type.TIMER) {
                catalogued.add(metric.prometheusName() + "_max"); // Micrometer's decaying max gauge
            }
        }
        assertThat(exposed).isEqualTo(catalogued);
    }

    @Test
    void docsListEveryCatalogueMetricWithItsTypeAndTags() throws IOException {
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("docs/metrics.md"))) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            Metric metric = byName(row.group(1));
            assertThat(metric).as("documented but not in the catalogue: " + row.group(1)).isNotNull();
            documented.add(metric.meterName());
            assertThat(row.group(2)).as(metric.meterName()).isEqualTo(metric.prometheusName());
            assertThat(row.group(3)).as(metric.meterName()).isEqualTo(metric.type().name().toLowerCase());
            String tags = row.group(4).replace("`", "").strip();
            assertThat(tags.equals("—") ? List.of() : List.of(tags.split(",\\s*"))).as(metric.meterName())
                    .isEqualTo(metric.tags());
        }
        assertThat(documented).as("docs/metrics.md rows").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(List.of(Metric.values()).stream().map(Metric::meterName).toList());
    }

    @Test
    void everySkipReasonIsExposedAndDocumentedUnderItsLabel() throws IOException {
        String text = metrics.scrape();
        String docs = Files.readString(Path.of("docs/metrics.md"));
        for (CameraSlot.Skip skip : CameraSlot.Skip.values()) {
            String label = skip.name().toLowerCase(Locale.ROOT);
            assertThat(text).contains("edgewatch_detect_skipped_total{camera=\"door\",reason=\"" + label + "\"}");
            assertThat(Metric.DETECT_SKIPPED.description()).contains(label);
            assertThat(docs).contains("`" + label + "` —");
        }
        assertThat(text).doesNotContain("reason=\"decode_error\"");
    }

    @Test
    void grafanaDashboardOnlyQueriesSeriesThatExist() throws IOException {
        JsonNode dash = new ObjectMapper().readTree(Path.of("docs/grafana-dashboard.json").toFile());
        String text = metrics.scrape();
        Set<String> families = new TreeSet<>();
        Matcher t = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)").matcher(text);
        while (t.find()) {
            families.add(t.group(1));
            if (t.group(2).equals("histogram")) {
                families.add(t.group(1) + "_bucket");
                families.add(t.group(1) + "_count");
            }
        }
        int queries = 0;
        for (JsonNode panel : dash.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher series = Pattern.compile("\\b((?:edgewatch|jvm|process|system)_[a-z_0-9]+)").matcher(
                        target.get("expr").asText());
                while (series.find()) {
                    queries++;
                    assertThat(families).as(panel.get("title").asText()).contains(series.group(1));
                }
            }
        }
        assertThat(queries).isGreaterThan(10);
    }

    @Test
    void docsListEveryValueOfEveryFixedTagAsTheCodeRegistersThem() throws IOException {
        String text = metrics.scrape();
        Set<String> documented = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("docs/metrics.md"))) {
            Matcher row = VALUES.matcher(line);
            if (!row.find()) {
                continue;
            }
            Metric metric = byName(row.group(1));
            String tag = row.group(2);
            assertThat(metric).as(row.group(1)).isNotNull();
            assertThat(metric.tags()).as(metric.meterName()).contains(tag);
            assertThat(documented.add(metric.meterName() + "/" + tag)).as("listed twice: " + line).isTrue();
            Set<String> listed = new TreeSet<>(List.of(row.group(3).replace("`", "").split(",\\s*")));
            assertThat(exposedValues(text, metric, tag)).as(metric.meterName() + " " + tag).isEqualTo(listed);
        }
        Set<String> fixed = new TreeSet<>();
        for (Metric m : Metric.values()) {
            m.tags().stream().filter(t -> !OPEN_TAGS.contains(t)).forEach(t -> fixed.add(m.meterName() + "/" + t));
        }
        assertThat(documented).as("tag value rows in docs/metrics.md").isEqualTo(fixed);
    }

    @Test
    void buildInfoNamesTheBuild() {
        BuildInfo build = BuildInfo.current();
        assertThat(metrics.scrape()).contains("edgewatch_build_info{commit=\"" + build.commit() + "\",version=\""
                + build.version() + "\"} 1\n");
    }

    @Test
    void everyDashboardQueryAndVariableIsScopedToOneInstance() throws IOException {
        JsonNode dash = new ObjectMapper().readTree(Path.of("docs/grafana-dashboard.json").toFile());
        Pattern selector = Pattern.compile("\\b(?:edgewatch|jvm|process|system)_[a-z_0-9]+(\\{[^}]*})?");
        List<String> exprs = new ArrayList<>();
        dash.get("panels").forEach(p -> p.get("targets").forEach(t -> exprs.add(t.get("expr").asText())));
        JsonNode instance = null;
        for (JsonNode v : dash.get("templating").get("list")) {
            if (v.get("name").asText().equals("instance")) {
                instance = v;
            } else if (v.get("type").asText().equals("query")) {
                exprs.add(v.get("query").asText());
            }
        }
        assertThat(instance).as("instance variable").isNotNull();
        assertThat(instance.get("multi").asBoolean()).as("one box at a time").isFalse();
        int selectors = 0;
        for (String expr : exprs) {
            Matcher m = selector.matcher(expr);
            while (m.find()) {
                selectors++;
                assertThat(m.group(1)).as(expr).isNotNull().contains("instance=~\"$instance\"");
            }
        }
        assertThat(selectors).isGreaterThan(20);
    }

    /** Values of {@code tag} on the metric's samples in the scrape. */
    private static Set<String> exposedValues(String scrape, Metric metric, String tag) {
        Set<String> values = new TreeSet<>();
        Matcher sample = Pattern.compile("(?m)^" + metric.prometheusName() + "(?:_bucket|_count|_sum)?\\{([^}]*)}")
                .matcher(scrape);
        while (sample.find()) {
            Matcher v = Pattern.compile("\\b" + tag + "=\"([^\"]*)\"").matcher(sample.group(1));
            if (v.find()) {
                values.add(v.group(1));
            }
        }
        return values;
    }

    private static Metric byName(String name) {
        for (Metric m : Metric.values()) {
            if (m.meterName().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
