package io.edgewatch.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * OpenCV DNN (JavaCV build), CPU backend and target, fp32. OpenCV's thread count is process-global, so it is set
 * before every pass: the interleaved rounds switch between 1 and 2 threads.
 */
final class OpenCvDnnRunner implements InferenceRunner {
    private final String name;
    private final Net net;
    private final Mat blob;
    private final StringVector outNames;
    private final MatVector outputs = new MatVector();
    private final int threads;

    OpenCvDnnRunner(String name, Path model, int threads, FloatBuffer input, long[] shape) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.name = name;
        this.threads = threads;
        this.net = opencv_dnn.readNetFromONNX(model.toString());
        if (net.empty()) {
            throw new IllegalStateException("OpenCV DNN loaded an empty network from " + model);
        }
        net.setPreferableBackend(opencv_dnn.DNN_BACKEND_OPENCV);
        net.setPreferableTarget(opencv_dnn.DNN_TARGET_CPU);
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = (int) shape[i];
        }
        blob = new Mat(dims, CV_32F);
        FloatBuffer dst = blob.createBuffer();
        FloatBuffer src = input.duplicate();
        src.rewind();
        dst.put(src);
        outNames = net.getUnconnectedOutLayersNames();
    }

    @Override
    public String name() { return name; }

    @Override
    public void runOnce() {
        opencv_core.setNumThreads(threads);
        net.setInput(blob);
        net.forward(outputs, outNames);
        if (outputs.size() == 0) {
            throw new IllegalStateException(name + " returned no outputs");
        }
    }

    @Override
    public void close() {
        outputs.close();
        blob.close();
        net.close();
    }
}
