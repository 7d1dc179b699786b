package minitorch.bench;

import java.util.Random;
import minitorch.backend.Backend;
import minitorch.data.Graph;
import minitorch.nn.Linear;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;
import minitorch.train.FastTrainer;
import minitorch.train.Network;

/**
 * MiniTorch's side of the train suite: the app's {@link FastTrainer} and {@link Network} — what
 * {@code minitorch train --model fast} runs — on FAST or SIMPLE, started from the weights {@link TorchTrainer}
 * starts from and shuffling as it does.
 */
final class MiniTorchTrainers {
    private MiniTorchTrainers() {}

    static Trainer create(String backend, Graph data, int hidden, double rate, long seed, DType dtype) {
        Backend b = Backend.parse(backend);
        Random init = new Random(seed + 1);
        Network network = new Network(linear(init, 2, hidden, b, dtype), linear(init, hidden, hidden, b, dtype),
                linear(init, hidden, 1, b, dtype), Network.Product.MATMUL);
        FastTrainer trainer = new FastTrainer(data, network, rate, new Random(seed), null);
        String name = b.name().toLowerCase(java.util.Locale.ROOT);
        return new Trainer() {
            @Override
            public String name() { return name; }

            @Override
            public double epoch() { return trainer.trainBatches(); }

            @Override
            public int correct() { return trainer.correct(); }
        };
    }

    /** run_fast_tensor's Linear from {@link #initialWeights}, bias 0.1. */
    private static Linear linear(Random init, int in, int out, Backend backend, DType dtype) {
        Tensor w = Tensor.of(backend, dtype, initialWeights(init, in, out), in, out);
        return new Linear(w, Tensor.full(backend, dtype, 0.1, out));
    }

    /**
     * Weights uniform in [−0.5, 0.5) (in, out), as RParam of run_fast_tensor, rounded to float32 so that every peer
     * and dtype starts from the same values.
     */
    static double[] initialWeights(Random init, int in, int out) {
        double[] w = new double[in * out];
        for (int i = 0; i < w.length; i++) w[i] = (float) (init.nextDouble() - 0.5);
        return w;
    }
}
