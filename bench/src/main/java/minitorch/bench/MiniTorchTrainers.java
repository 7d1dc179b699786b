package minitorch.bench;

/** MiniTorch's side of the train suite; filled in once the Tensor API lands on main. */
final class MiniTorchTrainers {
    private MiniTorchTrainers() {}

    static Trainer create(String backend, SplitData data, int hidden, double rate, long seed) {
        throw new UnsupportedOperationException("not yet: needs minitorch.tensor.Tensor");
    }
}
