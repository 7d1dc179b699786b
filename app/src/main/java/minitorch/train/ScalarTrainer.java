package minitorch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import minitorch.data.Graph;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.optim.SGD;
import minitorch.scalar.Scalar;

/**
 * The original's run_scalar.py (Task 1.5): a three-layer network built from {@link Scalar}s, trained one
 * point at a time with SGD on the negative log-likelihood. Every scalar operation builds a graph node, so
 * this is slow by design; it is the readable version of what the tensor models do in bulk.
 */
public final class ScalarTrainer implements Trainer {
    private final Graph data;
    private final Network model;
    private final SGD optimizer;

    public ScalarTrainer(Graph data, TrainConfig config) {
        this.data = data;
        this.model = new Network(config.hidden(), config.random());
        this.optimizer = new SGD(model.parameters(), config.rate());
    }

    public Network model() { return model; }

    @Override
    public EpochResult trainEpoch(int epoch) {
        double totalLoss = 0.0;
        int correct = 0;
        int n = data.size();
        optimizer.zeroGrad();
        for (int i = 0; i < n; i++) {
            Scalar out = model.forward(new Scalar(data.x(i, 0)), new Scalar(data.x(i, 1)));
            Scalar prob;
            if (data.y(i) == 1) {
                prob = out;
                correct += out.data() > 0.5 ? 1 : 0;
            } else {
                prob = out.neg().add(1.0);
                correct += out.data() < 0.5 ? 1 : 0;
            }
            Scalar loss = prob.log().neg();
            loss.div(n).backward();
            totalLoss += loss.data();
        }
        optimizer.step();
        return new EpochResult(totalLoss, correct);
    }

    @Override
    public double[] predict(double[][] points) {
        double[] out = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            out[i] = model.forward(Scalar.constant(points[i][0]), Scalar.constant(points[i][1])).data();
        }
        return out;
    }

    /** Linear(2, h) -> ReLU -> Linear(h, h) -> ReLU -> Linear(h, 1) -> sigmoid. */
    public static final class Network extends Module {
        private final Linear layer1;
        private final Linear layer2;
        private final Linear layer3;

        public Network(int hidden, RandomGenerator random) {
            layer1 = addModule("layer1", new Linear(2, hidden, random));
            layer2 = addModule("layer2", new Linear(hidden, hidden, random));
            layer3 = addModule("layer3", new Linear(hidden, 1, random));
        }

        public Scalar forward(Scalar x1, Scalar x2) {
            List<Scalar> middle = layer1.forward(List.of(x1, x2)).stream().map(Scalar::relu).toList();
            List<Scalar> end = layer2.forward(middle).stream().map(Scalar::relu).toList();
            return layer3.forward(end).getFirst().sigmoid();
        }
    }

    /**
     * A dense layer of scalars, {@code y_j = b_j + sum_i x_i w_ij}. Weights and biases start uniform in
     * [-1, 1), weights first (row-major), then biases, as in the original, so a {@code PythonRandom} gives
     * the original's initial values.
     */
    public static final class Linear extends Module {
        private final int in;
        private final int out;
        private final List<List<Parameter<Scalar>>> weights = new ArrayList<>();
        private final List<Parameter<Scalar>> bias = new ArrayList<>();

        public Linear(int in, int out, RandomGenerator random) {
            this.in = in;
            this.out = out;
            for (int i = 0; i < in; i++) {
                List<Parameter<Scalar>> row = new ArrayList<>();
                for (int j = 0; j < out; j++) {
                    row.add(addParameter("weight_" + i + "_" + j, new Scalar(2 * (random.nextDouble() - 0.5))));
                }
                weights.add(row);
            }
            for (int j = 0; j < out; j++) {
                bias.add(addParameter("bias_" + j, new Scalar(2 * (random.nextDouble() - 0.5))));
            }
        }

        /**
         * @throws IllegalArgumentException if there are not exactly {@code in} inputs
         */
        public List<Scalar> forward(List<Scalar> inputs) {
            if (inputs.size() != in) {
                throw new IllegalArgumentException("Linear(" + in + ", " + out + "): expected " + in
                        + " inputs, got " + inputs.size());
            }
            Scalar[] y = new Scalar[out];
            for (int j = 0; j < out; j++) {
                y[j] = bias.get(j).value();
            }
            for (int i = 0; i < in; i++) {
                Scalar x = inputs.get(i);
                for (int j = 0; j < out; j++) {
                    y[j] = y[j].add(x.mul(weights.get(i).get(j).value()));
                }
            }
            return List.of(y);
        }

        @Override
        protected String extraRepr() { return "in=" + in + ", out=" + out; }
    }
}
