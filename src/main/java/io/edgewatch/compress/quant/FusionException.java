package io.edgewatch.compress.quant;

import java.util.List;

/** ONNX Runtime left float compute ops fed by DequantizeLinear: the QDQ model would run slower than fp32. */
public final class FusionException extends RuntimeException {

    private final List<String> offending;

    public FusionException(String message, List<String> offending) {
        super(message + ": " + offending);
        this.offending = List.copyOf(offending);
    }

    public List<String> offending() {
        return offending;
    }
}
