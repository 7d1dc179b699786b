package minitorch.train;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import minitorch.backend.Backend;
import minitorch.data.Graph;
import minitorch.networks.BatchGradient;
import minitorch.nn.Linear;
import minitorch.optim.SGD;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * The original's run_fast_tensor.py (Task 3.5): the three-layer {@link Network} on tensors, each
 * {@link Linear} a matrix product ({@code x @ W + b}) on a fast backend, trained with SGD on
 * minibatches of 10 reshuffled every epoch.
 *
 * <p>As in the original: weights start as {@code rand - 0.5} (drawn from the same random stream
 * that drew the data, row-major, layer by layer), biases at 0.1; the loss of a batch is the
 * negative log-likelihood, its mean is back-propagated; the epoch's reported loss is the total loss
 * of the last batch (the original overwrites it each batch) and the correct count comes from the
 * whole data set after the epoch.
 */
public final class FastTrainer implements Trainer {
    /** The original's BATCH. */
    static final int BATCH = 10;

    private final Graph data;
    private final Backend backend;
    private final RandomGenerator random;
    private final Network model;
    private final SGD optimizer;
    private final int[] order;
    private final Tensor allX;
    private final BatchGradient<Network> gradients;
    /** Epochs trained so far ({@link #trainBatches} calls): a correct count asked for later than its epoch fails. */
    private int epochsTrained;

    public FastTrainer(Graph data, TrainConfig config) { this(data, config, null); }

    /**
     * A trainer whose batch gradients come from {@code gradients} (the spark module's), whose outcome's loss is
     * the batch's total loss as this trainer logs it; null: computed in this process.
     */
    public FastTrainer(Graph data, TrainConfig config, BatchGradient<Network> gradients) {
        this(data, Network.runFastTensor(config.hidden(), config.random(), config.backend(), DType.FLOAT64), config.rate(),
                config.random(), gradients);
    }

    /**
     * A trainer of {@code model} (whose backend and dtype the batches take) with SGD at {@code rate}, shuffling with
     * {@code shuffling}; the bench starts it from the weights its PyTorch peer starts from.
     */
    public FastTrainer(Graph data, Network model, double rate, RandomGenerator shuffling, BatchGradient<Network> gradients) {
        this.data = data;
        this.backend = model.backend();
        this.random = shuffling;
        this.model = model;
        this.optimizer = new SGD(model.parameters(), rate);
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.allX = points(data.x());
        this.gradients = gradients != null ? gradients
                : (network, rows, ignored) -> shardGradient(network, data, backend, rows, 0, rows.length);
    }

    public Network model() { return model; }

    /**
     * One epoch of {@link #trainBatches}; the correct count is a forward pass over every point, so it is made only
     * when asked (run_fast_tensor.py counts on the epochs it logs, every tenth): asked after a later epoch, it fails.
     */
    @Override
    public EpochResult trainEpoch(int epoch) {
        double lastLoss = trainBatches();
        int trained = epochsTrained;
        return EpochResult.countedWhenAsked(lastLoss, () -> {
            if (epochsTrained != trained) {
                throw new IllegalStateException("the correct count of epoch " + epoch + " was asked for after "
                        + (epochsTrained - trained) + " more epoch(s) had changed the model");
            }
            return correct();
        });
    }

    /** One epoch's steps: shuffle, then SGD on each batch of {@value #BATCH}; returns the last batch's total loss. */
    public double trainBatches() {
        shuffle(order, random);
        double lastLoss = 0;
        for (int start = 0; start < order.length; start += BATCH) {
            int n = Math.min(BATCH, order.length - start);
            optimizer.zeroGrad();
            lastLoss = gradients.compute(model, Arrays.copyOfRange(order, start, start + n), null).loss();
            optimizer.step();
        }
        epochsTrained++;
        return lastLoss;
    }

    /**
     * The gradient of the points {@code rows[from, to)}'s share of the mean loss over all of {@code rows} (one
     * batch), left on the network's parameters; the outcome's loss is the share's total loss (what the log
     * reports for a whole batch). Shares of one batch computed apart add up to its gradient.
     */
    public static BatchGradient.Outcome shardGradient(Network model, Graph data, Backend backend, int[] rows, int from,
            int to) {
        int n = to - from;
        double[] xs = new double[n * 2];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            int p = rows[from + i];
            xs[2 * i] = data.x(p, 0);
            xs[2 * i + 1] = data.x(p, 1);
            ys[i] = data.y(p);
        }
        Tensor x = Tensor.of(backend, model.dtype(), xs, n, 2);
        Tensor y = Tensor.of(backend, model.dtype(), ys, n);
        Tensor out = model.forward(x).view(n);
        // probability of the true class: out where y = 1, 1 - out where y = 0
        Tensor prob = out.mul(y).add(out.sub(1.0).mul(y.sub(1.0)));
        Tensor loss = prob.log().neg();
        loss.div(rows.length).sum().view(1).backward();
        return new BatchGradient.Outcome(loss.sum().item(), 0);
    }

    /** Points of the whole data set the model now classifies right. */
    public int correct() {
        double[] p = predictAll(allX);
        int correct = 0;
        for (int i = 0; i < p.length; i++) {
            correct += (p[i] > 0.5) == (data.y(i) == 1) ? 1 : 0;
        }
        return correct;
    }

    @Override
    public double[] predict(double[][] points) { return predictAll(points(points)); }

    private double[] predictAll(Tensor x) {
        try (var ignored = Tensor.noGrad()) {
            return model.forward(x).toDoubleArray();
        }
    }

    private Tensor points(double[][] points) {
        double[] xs = new double[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            xs[2 * i] = points[i][0];
            xs[2 * i + 1] = points[i][1];
        }
        return Tensor.of(backend, model.dtype(), xs, points.length, 2);
    }

    /**
     * Python's {@code random.shuffle}: Fisher–Yates from the end, with {@code randbelow(i + 1)} made of
     * the top bits of 32-bit outputs and rejection, so a {@code PythonRandom} shuffles as the original does.
     */
    public static void shuffle(int[] a, RandomGenerator random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = randBelow(i + 1, random);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int randBelow(int n, RandomGenerator random) {
        int bits = 32 - Integer.numberOfLeadingZeros(n);
        int r;
        do {
            r = random.nextInt() >>> (32 - bits);
        } while (r >= n);
        return r;
    }
}
