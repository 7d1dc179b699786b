package minitorch.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import minitorch.data.Graph;
import minitorch.train.FastTrainer;

/** The run_fast_tensor model written with PyTorch tensors through DJL, step for step like MiniTorch's. */
final class TorchTrainer implements Trainer {
    private final NDManager manager;
    private final Graph data;
    private final int[] order;
    private final double rate;
    private final Random shuffle;
    private final DataType type;
    private final List<NDArray> params = new ArrayList<>();

    TorchTrainer(NDManager parent, Graph data, int hidden, double rate, long seed, DataType type) {
        this.manager = parent.newSubManager();
        this.data = data;
        this.rate = rate;
        this.shuffle = new Random(seed);
        this.type = type;
        this.order = java.util.stream.IntStream.range(0, data.size()).toArray();
        Random init = new Random(seed + 1);
        linear(init, 2, hidden);
        linear(init, hidden, hidden);
        linear(init, hidden, 1);
    }

    /** Weights uniform in [−0.5, 0.5), bias 0.1, as RParam and Linear in run_fast_tensor (the MiniTorch peer's values). */
    private void linear(Random init, int in, int out) {
        double[] drawn = MiniTorchTrainers.initialWeights(init, in, out);
        float[] w = new float[drawn.length];
        for (int i = 0; i < w.length; i++) w[i] = (float) drawn[i];
        float[] b = new float[out];
        java.util.Arrays.fill(b, 0.1f);
        for (NDArray p : List.of(manager.create(w, new Shape(in, out)), manager.create(b, new Shape(out)))) {
            NDArray typed = p.toType(type, false);
            typed.setRequiresGradient(true);
            params.add(typed);
        }
    }

    @Override
    public String name() {
        return "torch";
    }

    private NDArray forward(NDArray x) {
        NDArray h = x.matMul(params.get(0)).add(params.get(1)).maximum(0f);
        h = h.matMul(params.get(2)).add(params.get(3)).maximum(0f);
        return ai.djl.nn.Activation.sigmoid(h.matMul(params.get(4)).add(params.get(5)));
    }

    @Override
    public double epoch() {
        FastTrainer.shuffle(order, shuffle); // as the app's trainer: the original's random.shuffle, epoch after epoch
        double last = Double.NaN;
        for (int start = 0; start < order.length; start += BATCH) {
            int n = Math.min(BATCH, order.length - start);
            try (NDManager scope = manager.newSubManager()) {
                float[] xs = new float[n * 2];
                float[] ys = new float[n];
                for (int i = 0; i < n; i++) {
                    xs[2 * i] = (float) data.x(order[start + i], 0);
                    xs[2 * i + 1] = (float) data.x(order[start + i], 1);
                    ys[i] = data.y(order[start + i]);
                }
                NDArray x = scope.create(xs, new Shape(n, 2)).toType(type, false);
                NDArray y = scope.create(ys, new Shape(n)).toType(type, false);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = forward(x).reshape(n);
                    // prob = out*y + (out-1)*(y-1); loss = -log(prob); (loss / n).sum()
                    NDArray prob = out.mul(y).add(out.sub(1f).mul(y.sub(1f)));
                    NDArray loss = prob.log().neg();
                    NDArray total = loss.div((float) n).sum();
                    gc.backward(total);
                    last = loss.sum().toType(DataType.FLOAT64, false).getDouble(); // the batch's total, as the app logs it
                }
                for (NDArray p : params) {
                    try (NDArray g = p.getGradient(); NDArray step = g.mul((float) rate)) {
                        p.subi(step);
                    }
                    TorchPeer.zeroGradient(p);
                }
            }
        }
        return last;
    }

    @Override
    public int correct() {
        try (NDManager scope = manager.newSubManager()) {
            float[] xs = new float[data.size() * 2];
            for (int i = 0; i < data.size(); i++) {
                xs[2 * i] = (float) data.x(i, 0);
                xs[2 * i + 1] = (float) data.x(i, 1);
            }
            NDArray out = forward(scope.create(xs, new Shape(data.size(), 2)).toType(type, false));
            double[] o = out.toType(DataType.FLOAT64, false).toDoubleArray();
            int right = 0;
            for (int i = 0; i < o.length; i++) if ((o[i] > 0.5) == (data.y(i) == 1)) right++;
            return right;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
