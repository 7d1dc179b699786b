package minitorch.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.nn.NN;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * The dropout of one batch as a peer outside MiniTorch applies it: MiniTorch's own mask for that batch's
 * seed (each unit 0 or 1/(1−rate), float32), which the peer multiplies in. With the same weights, batches
 * and masks every peer computes the same function, so their losses can be checked against each other.
 */
final class DropoutMask {
    private final double rate;
    /** Each batch's mask, made once: the suites cycle through a few batches, and making one is not the peer's work. */
    private final Map<Long, float[]> made = new HashMap<>();

    DropoutMask(double rate) {
        this.rate = rate;
    }

    /** The mask of the batch with this seed, over {@code units} values. */
    float[] of(long seed, int units) {
        return made.computeIfAbsent(seed, s -> scales(s, units, rate));
    }

    /** The factors NN.dropout multiplies {@code units} float32 values by, drawing from {@code new Random(seed)}. */
    static float[] scales(long seed, int units, double rate) {
        Tensor ones = Tensor.ones(Backend.SIMPLE, DType.FLOAT32, units);
        double[] d = NN.dropout(ones, rate, false, new Random(seed)).toDoubleArray();
        float[] f = new float[units];
        for (int i = 0; i < units; i++) f[i] = (float) d[i];
        return f;
    }
}
