package io.edgewatch.cli.models;

import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.compress.distill.TeacherExport;
import io.edgewatch.detect.NanoDetDecoder;
import io.edgewatch.detect.NanoDetDetector;
import io.edgewatch.detect.Nms;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models distill-export}: frames + a teacher model's detections as a COCO dataset. */
@Command(name = "distill-export", mixinStandardHelpOptions = true,
        description = "Export frames (JPEG) of a clip, camera URL or image folder with a teacher model's detections"
                + " as COCO JSON, to train a student elsewhere.")
public final class DistillExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE", description = "video file, rtsp:// URL or image folder")
    String source;
    @Parameters(index = "1", paramLabel = "OUT_DIR", description = "output folder (images/ + annotations.json)")
    Path out;
    @Option(names = "--teacher", defaultValue = "models/nanodet-m-416.onnx", description = "teacher model")
    Path teacher;
    @Option(names = "--frames", defaultValue = "200", description = "how many frames") int frames;
    @Option(names = "--skip", defaultValue = "0", description = "frames skipped first") int skip;
    @Option(names = "--stride", defaultValue = "5", description = "take every n-th frame") int stride;
    @Option(names = "--min-score", defaultValue = "0.3", description = "teacher boxes below are dropped")
    double minScore;
    @Option(names = "--threads", defaultValue = "2", description = "ORT threads") int threads;

    @Override
    public Integer call() throws Exception {
        List<VideoFrame> f = FrameSampler.read(source, new FrameSampler.Selection(skip, stride, frames),
                System.out::println);
        try (NanoDetDetector d = new NanoDetDetector(teacher, threads,
                new NanoDetDecoder(416, minScore, new Nms(0.6, 100)), TimeSource.system(), 16)) {
            TeacherExport.Summary s = new TeacherExport(d, minScore, 92).export(f, out, System.out::println);
            System.out.printf("%d images, %d teacher boxes -> %s%n", s.images(), s.annotations(), s.annotationsFile());
        }
        return 0;
    }
}
