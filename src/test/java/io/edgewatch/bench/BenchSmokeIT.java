package io.edgewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a tiny `edgewatch bench` (3 rounds, 1 thread, 1-camera daemon children for a few seconds: against a real
 * mosquitto when installed, with the embedded broker, and the 1-camera scale run) with the real models, clip,
 * runtimes and daemon, and checks the outputs are complete and well-formed. Nothing about speed.
 */
class BenchSmokeIT {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void tinyBenchWritesCompleteJsonMarkdownAndCharts(@TempDir Path out) throws Exception {
        int code = Main.execute("bench", "--out", out.toString(), "--rounds", "3", "--warmup", "1",
                "--threads", "1", "--decode-frames", "30", "--probe-warmup-seconds", "3",
                "--nominal-warmup-seconds", "3", "--nominal-seconds", "3", "--probe-seconds", "3",
                "--cameras", "1");
        assertThat(code).isZero();

        JsonNode json = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        List<String> runtimes = new ArrayList<>();
        for (JsonNode r : json.get("runtimes")) {
            runtimes.add(r.get("runtime").asText());
            if (r.get("error").isNull()) {
                assertThat(r.at("/latencyMs/n").asInt()).isEqualTo(3);
                assertThat(r.at("/latencyMs/p50").asDouble()).isPositive();
            }
        }
        assertThat(runtimes).containsExactlyInAnyOrder("ort-int8", "ort-fp32", "opencv-dnn-fp32");
        // sampled in bursts during the 3 s window (the first right after the first event), or 30 after it
        long decoded = json.at("/decode/count").asLong();
        assertThat(decoded % FloorSampler.DECODES == 0 || decoded == 30).as("%d decodes", decoded).isTrue();
        assertThat(decoded).isPositive();
        assertThat(json.at("/floor/overhead").asDouble()).isPositive();
        assertThat(json.at("/nominal/detected").asLong()).isPositive();
        assertThat(json.at("/nominal/cpuSeconds").asDouble()).isPositive();
        // the bench's own subscriber (its process, not the daemon's) received the window's events
        assertThat(json.at("/nominal/events").asLong()).isPositive();
        assertThat(json.at("/nominal/endToEndMs/p50").asDouble()).isPositive();
        assertThat(json.at("/nominal/frameToPublishMs/n").asLong()).isEqualTo(json.at("/nominal/events").asLong());
        JsonNode scale = json.get("scale");
        assertThat(scale).hasSize(1);
        assertThat(scale.get(0).get("rssMb").asDouble()).isPositive();
        assertThat(scale.get(0).at("/nativeMemory/committedMb").asDouble()).isPositive();
        List<String> targets = new ArrayList<>();
        json.get("targets").forEach(t -> targets.add(t.get("name").asText()));
        assertThat(targets).containsSubsequence("overhead, external broker", "overhead, embedded broker",
                "end-to-end p99, external broker", "end-to-end p99, embedded broker").hasSize(7);
        if (ExternalBroker.available()) { // .ci/run installs mosquitto: there the row must have been measured
            assertThat(json.at("/nominalExternal/detected").asLong()).isPositive();
            assertThat(json.at("/floorExternal/overhead").asDouble()).isPositive();
            assertThat(json.get("targets").get(1).get("met").isNull()).as("external row measured").isFalse();
        } else {
            assertThat(json.get("nominalExternal").isNull()).isTrue();
        }
        JsonNode wear = json.get("outboxWrites");
        assertThat(wear).hasSize(2);
        assertThat(wear.get(0).get("perCommit").asInt()).isEqualTo(1);
        assertThat(wear.get(1).get("perCommit").asInt()).isEqualTo(8);
        assertThat(wear.get(0).get("wcharPerEvent").asDouble()).as("whole WAL pages per commit").isGreaterThan(4096);
        assertThat(wear.get(1).get("wcharPerEvent").asDouble()).isLessThan(wear.get(0).get("wcharPerEvent").asDouble());


        String md = Files.readString(out.resolve("bench.md"));
        assertThat(md).contains("## Targets", "## Runtimes", "## Floor vs daemon", "## End-to-end latency",
                "## Scale and memory", "ort-int8", "external broker run", "embedded broker run",
                "## Outbox writes per event", "| one transaction per event (the daemon) |");
        for (String png : List.of("runtimes.png", "scale.png", "memory.png")) {
            byte[] head = Files.readAllBytes(out.resolve(png));
            assertThat(head.length).as(png).isGreaterThan(1000);
            assertThat(java.util.Arrays.copyOf(head, 4)).as(png).isEqualTo(PNG_MAGIC);
        }
    }
}
