package minitorch.networks;

import java.nio.file.Path;
import java.util.Random;
import minitorch.module.Module;

/**
 * How a training loop gets one batch's gradient: by default in this process; the spark module spreads
 * the batch over workers and sums their gradients. Either way the gradient of the batch's mean loss is
 * left on the model's parameters for the optimizer, and {@code dropoutRandom} ends where one process
 * would have left it.
 *
 * @param <M> the model
 */
@FunctionalInterface
public interface BatchGradient<M extends Module> {

    /** Leaves the gradient of the mean loss over the training rows {@code rows} on the model's parameters. */
    Outcome compute(M model, int[] rows, Random dropoutRandom);

    /**
     * A batch's (or a shard's share of a batch's) loss as its training loop reports it (mnist and sentiment: the
     * mean; the 2-D fast model: the total) and its correctly classified rows; shares add up.
     */
    record Outcome(double loss, int correct) {}

    /** Makes a run's gradient source from its configuration and data directory (how the spark module plugs in). */
    @FunctionalInterface
    interface Factory<M extends Module, C> {
        BatchGradient<M> create(C config, Path dataDirectory);
    }
}
