package minitorch.spark;

import java.io.Serializable;
import java.util.Random;
import minitorch.module.Module;
import minitorch.networks.BatchGradient;
import minitorch.optim.Optimizer;

/**
 * What a worker needs to compute a shard's gradient, sent to it once per task: how to build the model (the
 * same structure as the driver's; its values come with each step) and how to compute a shard's share of a
 * batch's loss gradient on data the worker loads itself.
 *
 * @param <M> the model
 */
public interface Workload<M extends Module> extends Serializable {

    /** Names the run: replicas built for one key are reused by the steps of that run in the same JVM. */
    String key();

    /** A model of the run's structure, with the run's initial weights. */
    M newModel();

    /** The optimizer the run trains with (the barrier replicas each keep one). */
    Optimizer newOptimizer(M model);

    /** Uniforms drawn per batch row by the model's dropout (its masked units per row), 0 for none. */
    int dropoutDrawsPerRow();

    /** {@code rows[from, to)}'s share of the gradient of the mean loss over {@code rows}, left on the model. */
    BatchGradient.Outcome shardGradient(M model, int[] rows, int from, int to, Random dropoutRandom);
}
