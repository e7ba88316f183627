package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import io.edgewatch.config.CameraConfig;
import io.edgewatch.ingest.FfmpegFrameSource;
import io.edgewatch.ingest.FrameSource;
import io.edgewatch.ingest.IngestOptions;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NanoDet's score maxima added to the graph at load (ScoreMaxima): on the shipped int8 model and real video the
 * maxima are each cell's exact maximum, and decoding with them finds exactly what the full scan finds; graphs
 * that are not NanoDet's are left alone.
 */
class ScoreMaximaIT {
    private static final Path INT8 = Path.of("models/nanodet-m-416.int8.onnx");

    @Test
    void onRealVideoTheMaximaAreExactAndDecodingWithThemFindsWhatTheScanFinds() throws Exception {
        CameraConfig cam = CameraConfig.builder("t").url("test-videos/vtest-people.mp4").build();
        int frames = 0;
        int found = 0;
        try (OrtBackend backend = new OrtBackend(INT8, 1, 416);
             ImagePreprocessor pre = new ImagePreprocessor(ImagePreprocessor.Spec.of(ModelFormat.NANODET, 416, 416,
                     false, false), backend.input());
             FrameSource src = new FfmpegFrameSource(cam, IngestOptions.defaults())) {
            List<TensorView> outputs = backend.outputs();
            assertThat(outputs).hasSize(9);
            FloatBuffer[] scores = new FloatBuffer[3];
            FloatBuffer[] bins = new FloatBuffer[3];
            FloatBuffer[] maxima = new FloatBuffer[3];
            for (TensorView t : outputs) {
                int level = t.dim(1) == 52 * 52 ? 0 : t.dim(1) == 26 * 26 ? 1 : 2;
                if (t.rank() == 2) {
                    maxima[level] = t.data();
                } else if (t.dim(2) == 44) {
                    bins[level] = t.data();
                } else {
                    scores[level] = t.data();
                }
            }
            NanoDetDecoder low = new NanoDetDecoder(416, 0.05, new Nms(0.6, 100));
            NanoDetDecoder usual = new NanoDetDecoder(416, 0.25, new Nms(0.6, 100));
            src.open();
            for (int i = 0; i < 200 && src.grab(); i += 1) {
                if (i % 10 != 0) {
                    continue;
                }
                FrameSource.Picture p = src.picture(byte[]::new);
                pre.fill(p.bgr(), p.width(), p.height());
                backend.run();
                for (int level = 0; level < 3; level++) {
                    for (int cell = 0; cell < maxima[level].limit(); cell++) {
                        float m = Float.NEGATIVE_INFINITY;
                        for (int c = 0; c < 80; c++) {
                            m = Math.max(m, scores[level].get(cell * 80 + c));
                        }
                        assertThat(maxima[level].get(cell)).as("level %d cell %d", level, cell).isEqualTo(m);
                    }
                }
                for (NanoDetDecoder d : new NanoDetDecoder[] {low, usual}) {
                    List<Detection> scanned = d.decode(scores, bins);
                    assertThat(d.decode(scores, bins, maxima)).isEqualTo(scanned);
                    found += scanned.size();
                }
                frames++;
            }
        }
        assertThat(frames).isEqualTo(20);
        assertThat(found).as("people in the clip").isGreaterThan(100);
    }

    @Test
    void theMaximaAreAddedToNanoDetGraphsOnlyAndFollowTheOpset() throws Exception {
        byte[] nanodet = Files.readAllBytes(INT8);
        ModelProto amended = ModelProto.parseFrom(ScoreMaxima.amend(nanodet, 416).orElseThrow());
        assertThat(amended.getGraph().getOutputCount()).isEqualTo(9);
        List<NodeProto> added = amended.getGraph().getNodeList().stream()
                .filter(n -> n.getName().endsWith(ScoreMaxima.SUFFIX)).toList();
        assertThat(added).hasSize(3).allSatisfy(n -> {
            assertThat(n.getOpType()).isEqualTo("ReduceMax");
            assertThat(n.getAttributeList()).anySatisfy(a -> assertThat(a.getName()).isEqualTo("axes"));
        });

        ModelProto model = ModelProto.parseFrom(nanodet);
        ModelProto opset18 = model.toBuilder().clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(18)).build();
        ModelProto axesInput = ModelProto.parseFrom(ScoreMaxima.amend(opset18.toByteArray(), 416).orElseThrow());
        assertThat(axesInput.getGraph().getNodeList().stream().filter(n -> n.getName().endsWith(ScoreMaxima.SUFFIX)))
                .hasSize(3).allSatisfy(n -> assertThat(n.getInputCount()).isEqualTo(2));

        // other graphs: a face detector, a NanoDet graph for another input size, not ONNX at all
        assertThat(ScoreMaxima.amend(Files.readAllBytes(Path.of("models/blazeface-front-128.onnx")), 416)).isEmpty();
        assertThat(ScoreMaxima.amend(nanodet, 320)).isPresent(); // the input's static 416 wins over the fallback
        assertThat(ScoreMaxima.amend(model.toBuilder().setGraph(model.getGraph().toBuilder().removeOutput(0))
                .build().toByteArray(), 416)).isEmpty();
        assertThat(ScoreMaxima.amend("not a model".getBytes(), 416)).isEmpty();
    }
}
