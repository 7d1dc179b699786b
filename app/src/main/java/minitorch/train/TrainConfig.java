package minitorch.train;

import java.util.random.RandomGenerator;

import minitorch.backend.Backend;

/**
 * The settings a {@link Trainer} is made with.
 *
 * @param hidden  the hidden layer size
 * @param rate    the learning rate
 * @param backend where tensors compute (ignored by the scalar model)
 * @param random  the generator for initial weights and shuffling; it has already drawn the data set, as
 *                in the original, where the data and the weights come from one {@code random} stream
 */
public record TrainConfig(int hidden, double rate, Backend backend, RandomGenerator random) {

    public TrainConfig {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden layer size must be at least 1, got " + hidden);
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + rate);
        }
    }
}
