package io.edgewatch.bench.jmh;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

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
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
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
    private BytePointer i420;
    private Mat planeY;
    private Mat planeU;
    private Mat planeV;
    private Mat small;
    private Mat smallY;
    private Mat smallU;
    private Mat smallV;
    private Mat smallBgr;
    private Size inputSize;
    private Size halfSize;
    private SwsContext sws;
    private PointerPointer<BytePointer> swsSrc;
    private IntPointer swsSrcLines;
    private PointerPointer<BytePointer> swsDst;
    private IntPointer swsDstLines;
    private NanoDetPreprocessor preprocessor;
    private NanoDetDecoder decoder;
    private final FloatBuffer[] scores = new FloatBuffer[3];
    private final FloatBuffer[] bins = new FloatBuffer[3];
    private final FloatBuffer[] maxima = new FloatBuffer[3];
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
        setUpPlanes();
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

    /**
     * The other candidate: FFmpeg's scaler from the decoder's I420 straight to a 416² BGR picture
     * (SWS_BILINEAR, the grabber's flags). Resize and conversion only: compare with {@code preprocessPlanes}.
     */
    @Benchmark
    public int swscaleToInput() {
        return sws_scale(sws, swsSrc, swsSrcLines, 0, decoded.height(), swsDst, swsDstLines);
    }

    /** What {@code preprocess} does before writing the tensor: Y, U, V resized, the small picture converted. */
    @Benchmark
    public Mat preprocessPlanes() {
        opencv_imgproc.resize(planeY, smallY, inputSize, 0, 0, opencv_imgproc.INTER_LINEAR);
        opencv_imgproc.resize(planeU, smallU, halfSize, 0, 0, opencv_imgproc.INTER_LINEAR);
        opencv_imgproc.resize(planeV, smallV, halfSize, 0, 0, opencv_imgproc.INTER_LINEAR);
        opencv_imgproc.cvtColor(small, smallBgr, opencv_imgproc.COLOR_YUV2BGR_I420);
        return smallBgr;
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

    /** The daemon's path since session 9: the graph gives each cell's maximum (ReduceMax, ScoreMaxima). */
    @Benchmark
    public List<Detection> decodeWithMaxima() {
        return decoder.decode(scores, bins, maxima);
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

    private void setUpPlanes() {
        int w = decoded.width();
        int h = decoded.height();
        i420 = new BytePointer(decoded.pixels());
        planeY = new Mat(h, w, opencv_core.CV_8UC1, new BytePointer(i420).position(0));
        planeU = new Mat(h / 2, w / 2, opencv_core.CV_8UC1, new BytePointer(i420).position((long) w * h));
        planeV = new Mat(h / 2, w / 2, opencv_core.CV_8UC1, new BytePointer(i420).position((long) w * h * 5 / 4));
        small = new Mat(SIZE * 3 / 2, SIZE, opencv_core.CV_8UC1);
        BytePointer sp = small.data();
        smallY = new Mat(SIZE, SIZE, opencv_core.CV_8UC1, new BytePointer(sp).position(0));
        smallU = new Mat(SIZE / 2, SIZE / 2, opencv_core.CV_8UC1, new BytePointer(sp).position(SIZE * SIZE));
        smallV = new Mat(SIZE / 2, SIZE / 2, opencv_core.CV_8UC1, new BytePointer(sp).position(SIZE * SIZE * 5 / 4));
        smallBgr = new Mat(SIZE, SIZE, opencv_core.CV_8UC3);
        inputSize = new Size(SIZE, SIZE);
        halfSize = new Size(SIZE / 2, SIZE / 2);
        sws = sws_getContext(w, h, AV_PIX_FMT_YUV420P, SIZE, SIZE, AV_PIX_FMT_BGR24, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        swsSrc = new PointerPointer<>(4);
        swsSrc.put(0, new BytePointer(i420).position(0));
        swsSrc.put(1, new BytePointer(i420).position((long) w * h));
        swsSrc.put(2, new BytePointer(i420).position((long) w * h * 5 / 4));
        swsSrcLines = new IntPointer(w, w / 2, w / 2, 0);
        swsDst = new PointerPointer<>(4);
        swsDst.put(0, new BytePointer((long) SIZE * SIZE * 3));
        swsDstLines = new IntPointer(SIZE * 3, 0, 0, 0);
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
                        maxima[level] = rowMaxima(scores[level], 80);
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

    /** What the graph's ReduceMax gives: the maximum of each row of {@code width}. */
    private static FloatBuffer rowMaxima(FloatBuffer rows, int width) {
        float[] out = new float[rows.limit() / width];
        for (int r = 0; r < out.length; r++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < width; c++) {
                m = Math.max(m, rows.get(r * width + c));
            }
            out[r] = m;
        }
        return FloatBuffer.wrap(out);
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
