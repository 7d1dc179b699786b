package minitorch.train;

import java.util.Arrays;
import java.util.stream.Collectors;

import minitorch.data.Datasets;

/**
 * The kinds of model {@code minitorch train --model} knows, each with the original script's default
 * settings and a factory for its {@link Trainer}. To add a model: implement {@link Trainer} in its own
 * file and put its constructor reference here, one line.
 */
public enum Model {
    /** run_scalar.py: a network of Scalars, one point at a time. */
    SCALAR("scalar", "run_scalar.py", new Defaults(50, 2, 0.5, 500), ScalarTrainer::new),

    /** run_tensor.py: the same network on tensors, the whole data set as one batch. */
    TENSOR("tensor", "run_tensor.py", new Defaults(50, 2, 0.5, 500), TensorTrainer::new),

    /** run_fast_tensor.py: tensors on a fast backend, minibatches of 10. */
    FAST("fast", "run_fast_tensor.py", new Defaults(50, 10, 0.05, 500), FastTrainer::new);

    private final String cliName;
    private final String script;
    private final Defaults defaults;
    private final Trainer.Factory factory;

    Model(String cliName, String script, Defaults defaults, Trainer.Factory factory) {
        this.cliName = cliName;
        this.script = script;
        this.defaults = defaults;
        this.factory = factory;
    }

    /** The settings a model uses when the user gives none. */
    public record Defaults(int pts, int hidden, double rate, int epochs) {
        /** The larger hidden size the original's docs suggest (HIDDEN 10 for Xor). */
        public static final int HARD_DATASET_HIDDEN = 10;

        /**
         * The hidden size for a data set: the script's HIDDEN for Simple and Diag; at least
         * {@value #HARD_DATASET_HIDDEN} for Split, Xor, Circle and Spiral, which 2 units cannot separate.
         */
        public int hidden(Datasets dataset) {
            return switch (dataset) {
                case SIMPLE, DIAG -> hidden;
                default -> Math.max(hidden, HARD_DATASET_HIDDEN);
            };
        }
    }

    public String cliName() { return cliName; }

    /** The original's script this model follows. */
    public String script() { return script; }

    public Defaults defaults() { return defaults; }

    public Trainer create(minitorch.data.Graph data, TrainConfig config) { return factory.create(data, config); }

    /** The model with this name, ignoring case. */
    public static Model parse(String name) {
        for (Model m : values()) {
            if (m.cliName.equalsIgnoreCase(name.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "': expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Model::cliName).collect(Collectors.joining(", "));
    }
}
