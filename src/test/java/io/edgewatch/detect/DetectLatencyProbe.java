package io.edgewatch.detect;

import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Manual measurement (not a test): per-frame preprocessing and inference latency on dog.jpg.
 * Usage: java -cp target/test-classes:target/classes:$CP io.edgewatch.detect.DetectLatencyProbe model.onnx threads [frames]
 */
public final class DetectLatencyProbe {
    private DetectLatencyProbe() {}

    public static void main(String[] args) {
        Path model = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        VideoFrame frame = TestImages.load(TestImages.DOG, false);
        NanoDetDecoder decoder = new NanoDetDecoder(416, 0.25, new Nms(0.6, 100));
        try (NanoDetDetector detector = new NanoDetDetector(model, threads, decoder, TimeSource.system(), frames)) {
            for (int i = 0; i < 10; i++) {
                detector.detect(frame);
            }
            long[] decode = new long[frames];
            for (int i = 0; i < frames; i++) {
                long t0 = System.nanoTime();
                detector.detect(frame);
                decode[i] = System.nanoTime() - t0;
            }
            System.out.printf("%s threads=%d frames=%d%n", detector.modelName(), threads, frames);
            print("preprocess", detector.preprocessTiming().recentLatenciesNanos());
            print("inference ", detector.inferenceTiming().recentLatenciesNanos());
            print("detect all", decode);
        }
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s median %.2f ms  p90 %.2f ms  min %.2f ms%n", what,
                s[s.length / 2] / 1e6, s[(int) (s.length * 0.9)] / 1e6, s[0] / 1e6);
    }
}
