package io.edgewatch.cli.models;

import io.edgewatch.util.LargeStack;
import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.compress.data.FrameStream;
import io.edgewatch.detect.Agreement;
import io.edgewatch.compress.eval.FidelityMarkdown;
import io.edgewatch.compress.eval.FidelityMarkdown.ImageResult;
import io.edgewatch.compress.eval.ModelFidelity;
import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.Nms;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code edgewatch models eval}: fidelity of candidate models against a reference (usually the fp32 original):
 * COCO AP50 and AP50-95 with the reference's confident detections as ground truth, over frames the candidates
 * were not calibrated on, plus the detections of every model on darknet's classic test images.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fidelity of models (any supported format) vs a reference model (AP50, AP50-95).",
                "Overall and per class, reference detections with score >= --gt-score taken as ground truth.",
                "Markdown on stdout."})
public final class EvalCommand implements Callable<Integer> {
    static final List<String> DARKNET_IMAGES = List.of("dog", "person", "horses", "kite", "eagle", "giraffe");

    @Option(names = "--reference", required = true, description = "reference model (fp32)")
    Path reference;

    @Option(names = "--model", required = true, description = "candidate model; repeat to compare several")
    List<Path> models;

    @ArgGroup(exclusive = false, multiplicity = "1..*")
    List<FrameSourceOptions> sources;

    @Option(names = "--gt-score", defaultValue = "0.4",
            description = "reference score for ground truth (default ${DEFAULT-VALUE})")
    double gtScore;

    @Option(names = "--score", defaultValue = "0.05", description = "candidate score floor (default ${DEFAULT-VALUE})")
    double score;

    @Option(names = "--nms-iou", defaultValue = "0.5",
            description = "NMS IoU, as the daemon (default ${DEFAULT-VALUE})")
    double nmsIou;

    @Option(names = "--min-class-boxes", defaultValue = "20",
            description = "also report means over classes with at least N reference boxes (default ${DEFAULT-VALUE})")
    int minClassBoxes;

    @Option(names = "--threads", defaultValue = "1",
            description = "ONNX Runtime threads per model (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--images", defaultValue = "/usr/share/darknet/data",
            description = "folder with darknet's dog/person/horses/kite/eagle/giraffe.jpg (skipped if missing)")
    Path images;

    @Mixin JsonOutput json;

    @Override
    public Integer call() throws Exception {
        return LargeStack.call("models-eval", this::evaluate);
    }

    private int evaluate() throws Exception {
        List<Detector> detectors = new ArrayList<>();
        try {
            detectors.add(detector(reference, gtScore));
            for (Path m : models) {
                detectors.add(detector(m, score));
            }
            List<Agreement> evals = new ArrayList<>();
            models.forEach(m -> evals.add(new Agreement(gtScore)));
            for (FrameSourceOptions s : sources) {
                System.err.println("evaluating on " + s);
                evaluateSource(s, detectors, evals);
            }
            List<ModelFidelity> results = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                results.add(ModelFidelity.of(name(models.get(i)), evals.get(i)));
            }
            List<ImageResult> imageResults = darknetImages(detectors);
            print(results, imageResults);
            return 0;
        } finally {
            detectors.forEach(Detector::close);
        }
    }

    private Detector detector(Path model, double threshold) {
        // any supported format/runtime, as the daemon loads it
        return new DetectorFactory(TimeSource.system()).open(model, null, null, threads, 416, threshold,
                new Nms(nmsIou, 100));
    }

    private void evaluateSource(FrameSourceOptions s, List<Detector> detectors, List<Agreement> evals)
            throws Exception {
        try (FrameStream frames = FrameSampler.open(s.source, s.selection())) {
            while (frames.hasNext()) {
                VideoFrame f = frames.next();
                List<Detection> ref = detectors.get(0).detect(f);
                for (int i = 0; i < evals.size(); i++) {
                    evals.get(i).add(ref, detectors.get(i + 1).detect(f));
                }
                if (frames.taken() % 25 == 0) {
                    System.err.printf(Locale.ROOT, "  %d frames%n", frames.taken());
                }
            }
            System.err.printf(Locale.ROOT, "  %d frames from %s%n", frames.taken(), s.source);
        }
    }

    private List<ImageResult> darknetImages(List<Detector> detectors) throws Exception {
        List<ImageResult> out = new ArrayList<>();
        for (String name : DARKNET_IMAGES) {
            Path file = images.resolve(name + ".jpg");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            VideoFrame f = FrameSampler.readImage(file, 0);
            out.add(new ImageResult(file.getFileName().toString(), name(reference), detectors.get(0).detect(f)));
            for (int i = 0; i < models.size(); i++) {
                out.add(new ImageResult(file.getFileName().toString(), name(models.get(i)),
                        detectors.get(i + 1).detect(f)));
            }
        }
        return out;
    }

    private void print(List<ModelFidelity> results, List<ImageResult> imageResults) throws Exception {
        System.out.printf("## Fidelity vs %s (ground truth: reference score >= %.2f)%n%n", name(reference), gtScore);
        System.out.println(FidelityMarkdown.overall(results, minClassBoxes));
        System.out.println("### Per class\n");
        System.out.println(FidelityMarkdown.perClass(results));
        if (!imageResults.isEmpty()) {
            System.out.println("### Darknet test images\n");
            System.out.println(FidelityMarkdown.images(imageResults, gtScore));
        }
        json.write(jsonDoc(results, imageResults));
    }

    private Map<String, Object> jsonDoc(List<ModelFidelity> results, List<ImageResult> imageResults) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("reference", reference.toString());
        doc.put("gt_score", gtScore);
        doc.put("candidate_score", score);
        doc.put("sources", sources.stream().map(Object::toString).toList());
        doc.put("models", results);
        List<Map<String, Object>> frequent = new ArrayList<>();
        for (ModelFidelity r : results) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("model", r.model());
            f.put("min_boxes", minClassBoxes);
            f.put("classes", r.classesOver(minClassBoxes));
            f.put("ap50", r.ap50Over(minClassBoxes));
            f.put("ap50to95", r.ap50to95Over(minClassBoxes));
            frequent.add(f);
        }
        doc.put("frequent_classes", frequent);
        doc.put("images", imageResults);
        return doc;
    }

    static String name(Path model) {
        return model.getFileName().toString().replaceFirst("\\.onnx$", "");
    }
}
