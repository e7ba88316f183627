package io.edgewatch.bench.jmh;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.edgewatch.config.CameraConfig;
import io.edgewatch.detect.Detection;
import io.edgewatch.detect.NanoDetDecoder;
import io.edgewatch.detect.NanoDetPreprocessor;
import io.edgewatch.detect.Nms;
import io.edgewatch.ingest.FfmpegFrameSource;
import io.edgewatch.ingest.FrameSource;
import io.edgewatch.ingest.IngestOptions;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.track.IouTracker;
import io.edgewatch.track.TrackerSettings;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-frame CPU path outside the model: preprocessing a real 768x576 frame, decoding real NanoDet-m outputs
 * (int8 model run once on that frame at setup), NMS on a dense candidate list, and a tracker update. Run with
 * {@code -prof gc} to see bytes allocated per operation; see docs/benchmarks.md. Not a test: never run by Maven.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xss4m", "-Xmx512m"})
public class PerFrameBenchmark {
    static final String CLIP = System.getProperty("bench.clip", "test-videos/vtest-people.mp4");
    static final String MODEL = System.getProperty("bench.model", "models/nanodet-m-416.int8.onnx");
    static final int SIZE = 416;

    private FrameSource.Picture picture;
    private VideoFrame decoded; // the same frame as the ingest hands it on: I420
    private NanoDetPreprocessor preprocessor;
    private NanoDetDecoder decoder;
    private final FloatBuffer[] scores = new FloatBuffer[3];
    private final FloatBuffer[] bins = new FloatBuffer[3];
    private Nms nms;
    private List<Detection> candidates;
    private IouTracker tracker;
    private List<List<Detection>> trackFrames;
    private int trackFrame;
    private long now;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);   // as the daemon runs OpenCV (see app.Daemon)
        decoded = frameAfter(50);
        picture = new FrameSource.Picture(decoded.width(), decoded.height(), decoded.bgr());
        preprocessor = new NanoDetPreprocessor(SIZE);
        nms = new Nms(0.5, 100);
        decoder = new NanoDetDecoder(SIZE, 0.25, nms);
        runModelOnce();
        candidates = clusteredCandidates(new Random(42), 12, 20);
        tracker = new IouTracker(TrackerSettings.defaults());
        trackFrames = new ArrayList<>();
        Random rnd = new Random(7);
        for (int f = 0; f < 64; f++) {
            trackFrames.add(walkers(rnd, f, 10));
        }
    }

    /** The daemon's path: the frame as the ingest hands it on (I420), planes resized, then converted. */
    @Benchmark
    public FloatBuffer preprocess() {
        return preprocessor.fill(decoded);
    }

    /** The same frame converted to BGR at full size first (the path before I420 frames, and tools' path). */
    @Benchmark
    public FloatBuffer preprocessBgr() {
        return preprocessor.fill(picture.bgr(), picture.width(), picture.height());
    }

    /** The Java reference path (what preprocess was before it moved to OpenCV). */
    @Benchmark
    public FloatBuffer preprocessReference() {
        return preprocessor.fillReference(picture.bgr(), picture.width(), picture.height());
    }

    @Benchmark
    public List<Detection> decode() {
        return decoder.decode(scores, bins);
    }

    @Benchmark
    public List<Detection> nms() {
        return nms.apply(candidates);
    }

    @Benchmark
    public Object trackerUpdate() {
        now += 200_000_000L; // 5 detect fps
        return tracker.update(trackFrames.get(trackFrame++ & 63), now);
    }

    private static VideoFrame frameAfter(int index) throws Exception {
        CameraConfig cam = CameraConfig.builder("jmh").url(CLIP).detectFps(1).build();
        try (FrameSource src = new FfmpegFrameSource(cam, IngestOptions.defaults())) {
            src.open();
            for (int i = 0; i < index; i++) {
                src.grab();
            }
            src.grab();
            FrameSource.Picture p = src.decoded(byte[]::new);
            return new VideoFrame("jmh", index, 0, java.time.Instant.EPOCH, p.width(), p.height(), p.format(),
                    p.pixels());
        }
    }

    /** Real outputs for the decoder; ORT is set up on a 16 MB stack (it can overflow the default one). */
    private void runModelOnce() throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                try (OrtSession s = env.createSession(MODEL, new OrtSession.SessionOptions());
                     OnnxTensor in = OnnxTensor.createTensor(env, preprocess(), preprocessor.shape());
                     OrtSession.Result r = s.run(Map.of("input_1", in))) {
                    for (int level = 0; level < 3; level++) {
                        scores[level] = copy((OnnxTensor) r.get("Identity" + suffix(level)).orElseThrow());
                        bins[level] = copy((OnnxTensor) r.get("Identity_" + (level + 3)).orElseThrow());
                    }
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }, "jmh-ort", 16L << 20);
        t.start();
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private static String suffix(int level) {
        return level == 0 ? "" : "_" + level;
    }

    private static FloatBuffer copy(OnnxTensor t) {
        FloatBuffer src = t.getFloatBuffer();
        float[] a = new float[src.remaining()];
        src.get(a);
        return FloatBuffer.wrap(a);
    }

    /** {@code objects} boxes with {@code perObject} jittered, overlapping copies each: what NMS sees per frame. */
    static List<Detection> clusteredCandidates(Random rnd, int objects, int perObject) {
        List<Detection> out = new ArrayList<>();
        for (int o = 0; o < objects; o++) {
            float x = rnd.nextFloat() * 0.8f;
            float y = rnd.nextFloat() * 0.7f;
            for (int k = 0; k < perObject; k++) {
                float j = (rnd.nextFloat() - 0.5f) * 0.02f;
                out.add(new Detection(0, "person", 0.3f + rnd.nextFloat() * 0.6f, x + j, y + j, x + 0.1f + j,
                        y + 0.25f + j));
            }
        }
        return out;
    }

    /** {@code n} people walking right at a steady pace, frame {@code f}. */
    static List<Detection> walkers(Random rnd, int f, int n) {
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float x = (i * 0.09f + f * 0.004f) % 0.85f;
            float y = 0.05f + i * 0.07f;
            out.add(new Detection(0, "person", 0.5f + rnd.nextFloat() * 0.4f, x, y, x + 0.08f, y + 0.2f));
        }
        return out;
    }
}
