package minitorch.train;

import minitorch.backend.Backend;
import minitorch.data.Graph;
import minitorch.optim.SGD;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * The original's run_tensor.py (Task 2.5): the scalar model's network written with tensors
 * ({@link Network#runTensor}) and trained on the whole data set as one batch. Its layers compute
 * {@code x @ W + b} the way run_tensor does, by broadcasting — (1, in, out) * (batch, in, 1) summed over
 * {@code in} — which shows what matmul fuses.
 */
public final class TensorTrainer implements Trainer {
    private final Network model;
    private final SGD optimizer;
    private final Tensor x;
    private final Tensor y;
    private final int n;

    public TensorTrainer(Graph data, TrainConfig config) {
        this.model = Network.runTensor(config.hidden(), config.random(), config.backend());
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
}
