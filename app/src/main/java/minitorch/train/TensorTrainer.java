package minitorch.train;

import java.util.random.RandomGenerator;

import minitorch.backend.Backend;
import minitorch.data.Graph;
import minitorch.module.Module;
import minitorch.nn.Linear;
import minitorch.optim.SGD;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * The original's run_tensor.py (Task 2.5): the scalar model's network written with tensors and trained on
 * the whole data set as one batch. Its layers compute {@code x @ W + b} the way run_tensor does, by
 * broadcasting — (1, in, out) * (batch, in, 1) summed over {@code in} — which shows what matmul fuses.
 */
public final class TensorTrainer implements Trainer {
    private final Network model;
    private final SGD optimizer;
    private final Tensor x;
    private final Tensor y;
    private final int n;

    public TensorTrainer(Graph data, TrainConfig config) {
        this.model = new Network(config.hidden(), config.random(), config.backend());
        this.optimizer = new SGD(model.parameters(), config.rate());
        this.n = data.size();
        this.x = points(data.x(), config.backend());
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = data.y(i);
        }
        this.y = Tensor.of(config.backend(), DType.FLOAT64, labels, n);
    }

    public Network model() { return model; }

    /**
     * One full-batch step, as run_tensor.py: {@code prob = out*y + (out-1)*(y-1)}, {@code loss = -log(prob)},
     * backward of {@code (loss / N).sum()}; the reported loss is {@code loss.sum()} and the correct count is
     * taken from this epoch's forward pass.
     */
    @Override
    public EpochResult trainEpoch(int epoch) {
        optimizer.zeroGrad();
        Tensor out = model.forward(x).view(n);
        Tensor prob = out.mul(y).add(out.sub(1.0).mul(y.sub(1.0)));
        Tensor loss = prob.log().neg();
        loss.div(n).sum().view(1).backward();
        double totalLoss = loss.sum().view(1).get(0);
        optimizer.step();
        int correct = (int) out.detach().gt(0.5).eq(y).sum().item();
        return new EpochResult(totalLoss, correct);
    }

    @Override
    public double[] predict(double[][] points) {
        try (var g = Tensor.noGrad()) {
            return model.forward(points(points, x.backend())).toDoubleArray();
        }
    }

    private static Tensor points(double[][] points, Backend backend) {
        double[] flat = new double[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            flat[2 * i] = points[i][0];
            flat[2 * i + 1] = points[i][1];
        }
        return Tensor.of(backend, DType.FLOAT64, flat, points.length, 2);
    }

    /** Linear(2, h) -> ReLU -> Linear(h, h) -> ReLU -> Linear(h, 1) -> sigmoid, as run_tensor.py. */
    public static final class Network extends Module {
        private final BroadcastLinear layer1;
        private final BroadcastLinear layer2;
        private final BroadcastLinear layer3;

        public Network(int hidden, RandomGenerator random, Backend backend) {
            layer1 = addModule("layer1", BroadcastLinear.create(2, hidden, random, backend));
            layer2 = addModule("layer2", BroadcastLinear.create(hidden, hidden, random, backend));
            layer3 = addModule("layer3", BroadcastLinear.create(hidden, 1, random, backend));
        }

        /** (batch, 2) points to (batch, 1) probabilities of class 1. */
        public Tensor forward(Tensor x) {
            Tensor middle = layer1.forward(x).relu();
            Tensor end = layer2.forward(middle).relu();
            return layer3.forward(end).sigmoid();
        }
    }

    /**
     * run_tensor.py's Linear: parameters uniform in [-1, 1) ({@code 2 * (rand - 0.5)}, weights then bias),
     * forward {@code (W.view(1, in, out) * x.view(batch, in, 1)).sum(1).view(batch, out) + b.view(out)}.
     */
    public static final class BroadcastLinear extends Linear {
        private BroadcastLinear(Tensor weight, Tensor bias) { super(weight, bias); }

        static BroadcastLinear create(int in, int out, RandomGenerator random, Backend backend) {
            Linear init = Linear.uniform(in, out, 1.0, random, backend, DType.FLOAT64);
            return new BroadcastLinear(init.weight().value(), init.bias().value());
        }

        @Override
        public Tensor forward(Tensor x) {
            int batch = x.shape(0);
            int in = inFeatures();
            int out = outFeatures();
            return weight().value().view(1, in, out).mul(x.view(batch, in, 1)).sum(1).view(batch, out)
                    .add(bias().value().view(out));
        }
    }
}
