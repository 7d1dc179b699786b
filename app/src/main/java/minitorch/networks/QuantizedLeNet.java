package minitorch.networks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.data.Mnist;
import minitorch.kernels.QuantizedTensor;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * Post-training int8 quantization of a trained {@link LeNet} (the kernels lab's step 6 on a real network):
 * every weight tensor becomes a {@link QuantizedTensor} with one scale per output channel (a conv weight
 * (out, in, kh, kw) along axis 0, a linear weight (in, out) along axis 1); biases stay float32, as in
 * PyTorch's quantized layers. The model then runs its own forward with the int8 weights dequantized:
 * weight-only quantization (a quarter of the weight memory, float32 arithmetic), which is what this
 * measures. The int8 arithmetic itself is {@code QuantizedTensor.matmul}, measured by {@code minitorch kernels}.
 */
public final class QuantizedLeNet {
    private QuantizedLeNet() {}

    /** Accuracy of the float32 model and of its int8-weight copy on the same images, and the weights' bytes. */
    public record Report(int images, int floatCorrect, int int8Correct, long floatWeightBytes, long int8WeightBytes) {
        public double floatAccuracy() { return 100.0 * floatCorrect / images; }

        public double int8Accuracy() { return 100.0 * int8Correct / images; }
    }

    /**
     * Replaces each weight of {@code model} by its int8 round trip (per output channel); returns
     * {float32 bytes, int8 bytes (values and scales)} of the weights so stored.
     */
    @SuppressWarnings("unchecked")
    public static long[] quantizeWeights(LeNet model) {
        long floatBytes = 0, int8Bytes = 0;
        for (Map.Entry<String, Parameter<?>> e : model.namedParameters().entrySet()) {
            if (!e.getKey().endsWith("weights")) {
                continue;
            }
            Parameter<Tensor> p = (Parameter<Tensor>) e.getValue();
            Tensor w = p.value();
            QuantizedTensor q = QuantizedTensor.quantizePerChannel(w, w.dims() == 4 ? 0 : 1);
            floatBytes += 4L * w.size();
            int8Bytes += q.bytes();
            p.update(q.dequantize(w.backend()).to(w.dtype()).detach());
        }
        return new long[] {floatBytes, int8Bytes};
    }

    /**
     * Loads {@code checkpoint} (a {@code minitorch mnist} run's; {@code maxPool} as it was trained) on FAST in
     * float32 and counts correct answers on every image of {@code test}, before and after {@link #quantizeWeights}.
     */
    public static Report evaluate(Path checkpoint, Mnist test, boolean maxPool) {
        LeNet model = new LeNet(new Random(0), Backend.FAST, DType.FLOAT32, false, 0.25, maxPool);
        Checkpoint.restore(checkpoint, model, null);
        MnistTraining.Config c = new MnistTraining.Config(false, 0, 0, 500, 0, Backend.FAST, DType.FLOAT32, null, false,
                null, 0, maxPool);
        int floatCorrect = MnistTraining.evaluate(model, test, test.count(), 1.0 / 255, c);
        long[] bytes = quantizeWeights(model);
        int int8Correct = MnistTraining.evaluate(model, test, test.count(), 1.0 / 255, c);
        return new Report(test.count(), floatCorrect, int8Correct, bytes[0], bytes[1]);
    }
}
