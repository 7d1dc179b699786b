package minitorch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import minitorch.tensor.NoGrad;
import minitorch.tensor.Tensor;

/**
 * MiniTorch's side of the train suite: run_fast_tensor's network written with the public Tensor API
 * only (the same code a user would write), on FAST or SIMPLE.
 */
final class MiniTorchTrainers {
    private MiniTorchTrainers() {}

    static Trainer create(String backend, SplitData data, int hidden, double rate, long seed, DType dtype) {
        return new TensorTrainer(Backend.parse(backend), dtype, data, hidden, rate, seed);
    }

    private static final class TensorTrainer implements Trainer {
        private final Backend backend;
        private final DType dtype;
        private final SplitData data;
        private final double rate;
        private final Random shuffle;
        private final List<Tensor> params = new ArrayList<>();

        TensorTrainer(Backend backend, DType dtype, SplitData data, int hidden, double rate, long seed) {
            this.backend = backend;
            this.dtype = dtype;
            this.data = data;
            this.rate = rate;
            this.shuffle = new Random(seed);
            Random init = new Random(seed + 1); // the same initial weights as TorchTrainer
            linear(init, 2, hidden);
            linear(init, hidden, hidden);
            linear(init, hidden, 1);
        }

        /** Weights uniform in [−0.5, 0.5) (in, out), bias 0.1: RParam and Linear of run_fast_tensor. */
        private void linear(Random init, int in, int out) {
            double[] w = new double[in * out];
            for (int i = 0; i < w.length; i++) w[i] = (float) (init.nextDouble() - 0.5);
            double[] b = new double[out];
            java.util.Arrays.fill(b, 0.1);
            params.add(Tensor.of(backend, dtype, w, in, out).requiresGrad(true));
            params.add(Tensor.of(backend, dtype, b, out).requiresGrad(true));
        }

        @Override
        public String name() {
            return backend.name().toLowerCase(java.util.Locale.ROOT);
        }

        private Tensor forward(Tensor x) {
            Tensor h = x.matmul(params.get(0)).add(params.get(1)).relu();
            h = h.matmul(params.get(2)).add(params.get(3)).relu();
            return h.matmul(params.get(4)).add(params.get(5)).sigmoid();
        }

        @Override
        public double epoch() {
            int[] order = SplitData.shuffle(data.size(), shuffle);
            double last = Double.NaN;
            for (int start = 0; start < order.length; start += BATCH) {
                int n = Math.min(BATCH, order.length - start);
                double[] xs = new double[n * 2];
                double[] ys = new double[n];
                for (int i = 0; i < n; i++) {
                    xs[2 * i] = data.x()[order[start + i]][0];
                    xs[2 * i + 1] = data.x()[order[start + i]][1];
                    ys[i] = data.y()[order[start + i]];
                }
                Tensor x = Tensor.of(backend, dtype, xs, n, 2);
                Tensor y = Tensor.of(backend, dtype, ys, n);
                Tensor out = forward(x).view(n);
                Tensor prob = out.mul(y).add(out.sub(1.0).mul(y.sub(1.0)));
                Tensor total = prob.log().neg().div(n).sum();
                total.view(1).backward();
                last = total.item();
                try (NoGrad off = Tensor.noGrad()) {
                    for (int i = 0; i < params.size(); i++) {
                        Tensor p = params.get(i);
                        params.set(i, p.sub(p.grad().mul(rate)).detach().requiresGrad(true));
                    }
                }
            }
            return last;
        }

        @Override
        public int correct() {
            double[] xs = new double[data.size() * 2];
            for (int i = 0; i < data.size(); i++) {
                xs[2 * i] = data.x()[i][0];
                xs[2 * i + 1] = data.x()[i][1];
            }
            double[] o;
            try (NoGrad off = Tensor.noGrad()) {
                o = forward(Tensor.of(backend, dtype, xs, data.size(), 2)).toDoubleArray();
            }
            int right = 0;
            for (int i = 0; i < o.length; i++) if ((o[i] > 0.5) == (data.y()[i] == 1)) right++;
            return right;
        }
    }
}
