package minitorch.spark;

import java.nio.file.Path;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.networks.BatchGradient;
import minitorch.networks.LeNet;
import minitorch.networks.MnistTraining;
import minitorch.optim.Adam;
import minitorch.optim.Optimizer;
import minitorch.optim.SGD;
import minitorch.tensor.DType;

/** {@code minitorch mnist}'s LeNet, its shards computed by {@link MnistTraining#shardGradient}. */
public record MnistWorkload(boolean reference, double rate, int batch, long seed, Backend backend, DType dtype,
        boolean maxPool, DataSource<MnistTraining.Data> data) implements Workload<LeNet> {

    /** LeNet's dropout masks its 64 hidden units: 64 uniforms per image. */
    static final int DROPOUT_DRAWS_PER_ROW = 64;

    /** The run {@code config} on the images {@code data} (the configuration's files stay on the driver). */
    public static MnistWorkload of(MnistTraining.Config c, DataSource<MnistTraining.Data> data) {
        return new MnistWorkload(c.reference(), c.rate(), c.batch(), c.seed(), c.backend(), c.dtype(), c.maxPool(), data);
    }

    /** The images {@code minitorch mnist} trains on, loaded by each worker from {@code dataDir}. */
    public static DataSource<MnistTraining.Data> files(Path dataDir, boolean reference) {
        return new Files(dataDir.toAbsolutePath().toString(), reference);
    }

    /** {@link MnistTraining#load} on the worker. */
    record Files(String dir, boolean reference) implements DataSource<MnistTraining.Data> {
        @Override public String key() { return toString(); }
        @Override public MnistTraining.Data load() { return MnistTraining.load(Path.of(dir), reference); }
    }

    MnistTraining.Config config() {
        return new MnistTraining.Config(reference, 1, rate, batch, seed, backend, dtype, null, false, null, 0, maxPool);
    }

    @Override
    public String key() { return "mnist:" + this; }

    @Override
    public LeNet newModel() { return MnistTraining.newModel(config()); }

    /** As {@link MnistTraining#run}: SGD in reference mode, else Adam. */
    @Override
    public Optimizer newOptimizer(LeNet model) {
        return reference ? new SGD(model.parameters(), rate) : new Adam(model.parameters(), rate);
    }

    @Override
    public int dropoutDrawsPerRow() { return DROPOUT_DRAWS_PER_ROW; }

    @Override
    public BatchGradient.Outcome shardGradient(LeNet model, int[] rows, int from, int to, Random dropoutRandom) {
        return MnistTraining.shardGradient(model, data.get().train(), config(), rows, from, to, dropoutRandom);
    }
}
