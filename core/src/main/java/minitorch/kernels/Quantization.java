package minitorch.kernels;

import minitorch.tensor.Tensor;

/**
 * TinyTorch's two quantized kernels with its signatures: the caller picks the scales, the result is
 * dequantized back to float32 (on the input's backend).
 */
public final class Quantization {
    private Quantization() {}

    /**
     * {@code a @ b} through int8: each input quantized with its scale ({@code round(x / scale)}, clamped
     * to ±127), products summed in int32, the sums rescaled by {@code scaleA · scaleB}.
     */
    public static Tensor quantizedMatmul(Tensor a, Tensor b, double scaleA, double scaleB) {
        MatmulKernels.checkShapes("quantized matmul", a, b);
        return QuantizedTensor.quantize(a, scaleA).matmul(QuantizedTensor.quantize(b, scaleB), a.backend());
    }

    /** relu through int8: quantize with {@code scale}, max(q, 0), dequantize. */
    public static Tensor quantizedRelu(Tensor x, double scale) {
        return QuantizedTensor.quantize(x, scale).relu().dequantize(x.backend());
    }
}
