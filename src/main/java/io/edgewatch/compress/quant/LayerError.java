package io.edgewatch.compress.quant;

/**
 * fp32 vs int8 difference of one tensor, accumulated over the report's inputs.
 *
 * @param tensor   tensor name in the float model
 * @param compared the int8 model tensor compared against it (the dequantized value the next layer sees)
 * @param relL2    ||int8 - fp32|| / ||fp32||
 * @param cosine   cosine similarity of the flattened tensors
 * @param maxAbs   largest absolute element difference
 */
public record LayerError(String tensor, String compared, double relL2, double cosine, double maxAbs) {
}
