package minitorch.spark;

import java.util.Random;
import minitorch.backend.Backend;
import minitorch.cli.TrainCommand;
import minitorch.data.Datasets;
import minitorch.data.Graph;
import minitorch.data.PythonRandom;
import minitorch.networks.BatchGradient;
import minitorch.optim.Optimizer;
import minitorch.optim.SGD;
import minitorch.tensor.DType;
import minitorch.train.FastTrainer;
import minitorch.train.Network;

/**
 * {@code minitorch train --model fast}'s network (run_fast_tensor.py), its shards computed by
 * {@link FastTrainer#shardGradient}; a worker regenerates the data set from its name, size and seed.
 */
public record TrainWorkload(Datasets dataset, int points, long seed, int hidden, double rate, Backend backend)
        implements Workload<Network> {

    public static TrainWorkload of(TrainCommand.Run run) {
        return new TrainWorkload(run.dataset(), run.points(), run.seed(), run.config().hidden(), run.config().rate(),
                run.config().backend());
    }

    /** The data set, drawn as {@code minitorch train} draws it: first from the seed's Python random stream. */
    record Points(Datasets dataset, int points, long seed) implements DataSource<Graph> {
        @Override public String key() { return toString(); }
        @Override public Graph load() { return dataset.generate(points, new PythonRandom(seed)); }
    }

    @Override
    public String key() { return "train:" + this; }

    /** The run's initial weights: drawn from the stream that drew the data, after it, as the original does. */
    @Override
    public Network newModel() {
        PythonRandom random = new PythonRandom(seed);
        dataset.generate(points, random);
        return Network.runFastTensor(hidden, random, backend, DType.FLOAT64);
    }

    @Override
    public Optimizer newOptimizer(Network model) { return new SGD(model.parameters(), rate); }

    @Override
    public int dropoutDrawsPerRow() { return 0; }

    @Override
    public BatchGradient.Outcome shardGradient(Network model, int[] rows, int from, int to, Random ignored) {
        return FastTrainer.shardGradient(model, new Points(dataset, points, seed).get(), backend, rows, from, to);
    }
}
