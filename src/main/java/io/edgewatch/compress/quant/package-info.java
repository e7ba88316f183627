/**
 * Static post-training int8 quantization to QDQ ONNX models for ONNX Runtime's CPU provider (offline tool).
 *
 * <p>Form: uint8 asymmetric per-tensor activations, int8 symmetric per-channel (axis 0) weights, int32 bias with
 * scale {@code s_in * s_w} (U8S8). Facts from ORT's QDQ selectors that shape the output:
 * <ul>
 * <li>Conv fuses to QLinearConv only if every existing input is fed by a DequantizeLinear — a float bias blocks
 * it — the bias DQ is int32, the output goes to a single QuantizeLinear and is not a graph output, and int8
 * (S8S8) activations are not allowed on x86.
 * <li>A Relu/Clip directly after the Conv is dropped when the Q's zero point makes it redundant (uint8 zp 0).
 * <li>Drop-QDQ ops (MaxPool, Reshape, Transpose, Slice, Gather, Squeeze, ...; Split needs equal parameters)
 * require the same scale/zero point on both sides; LeakyRelu, Sigmoid, Softmax, AveragePool,
 * GlobalAveragePool, Add, Mul and Concat have QLinear* kernels. Resize in linear/cubic mode keeps its Q/DQ and
 * runs in float (ORT stopped dropping them because it changed results).
 * </ul>
 * Entry points: {@link io.edgewatch.compress.quant.QdqQuantizer}, {@link io.edgewatch.compress.quant.FusionCheck},
 * {@link io.edgewatch.compress.quant.LayerErrorReport}.
 */
package io.edgewatch.compress.quant;
