package io.edgewatch.bench;

/** One runtime holding one loaded model, run on a fixed, already preprocessed input. */
interface InferenceRunner extends AutoCloseable {
    /** e.g. "ort-int8 t1". */
    String name();

    /** One forward pass on the prepared input; outputs are read back so lazy runtimes cannot skip work. */
    void runOnce() throws Exception;

    @Override
    void close();
}
