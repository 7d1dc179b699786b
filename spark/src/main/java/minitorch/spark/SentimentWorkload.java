package minitorch.spark;

import java.nio.file.Path;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.networks.BatchGradient;
import minitorch.networks.SentimentTraining;
import minitorch.optim.Adam;
import minitorch.optim.Optimizer;
import minitorch.optim.SGD;
import minitorch.tensor.DType;

/** {@code minitorch sentiment}'s CNN, its shards computed by {@link SentimentTraining#shardGradient}. */
public record SentimentWorkload(boolean reference, double rate, int batch, long seed, Backend backend, DType dtype,
        boolean trainEmbeddings, DataSource<SentimentTraining.Data> data) implements Workload<SentimentTraining.Net> {

    /** The CNN's dropout masks its one output unit: one uniform per sentence. */
    static final int DROPOUT_DRAWS_PER_ROW = 1;

    public static SentimentWorkload of(SentimentTraining.Config c, DataSource<SentimentTraining.Data> data) {
        return new SentimentWorkload(c.reference(), c.rate(), c.batch(), c.seed(), c.backend(), c.dtype(),
                c.trainEmbeddings(), data);
    }

    /** The sentences and vectors {@code minitorch sentiment} uses, loaded by each worker from {@code dataDir}. */
    public static DataSource<SentimentTraining.Data> files(Path dataDir, boolean reference, long seed) {
        return new Files(dataDir.toAbsolutePath().toString(), reference, seed);
    }

    /** {@link SentimentTraining#load} on the worker. */
    record Files(String dir, boolean reference, long seed) implements DataSource<SentimentTraining.Data> {
        @Override public String key() { return toString(); }
        @Override public SentimentTraining.Data load() { return SentimentTraining.load(Path.of(dir), reference, seed); }
    }

    SentimentTraining.Config config() {
        return new SentimentTraining.Config(reference, 1, rate, batch, seed, backend, dtype, null, false, null, 0,
                trainEmbeddings);
    }

    @Override
    public String key() { return "sentiment:" + this; }

    @Override
    public SentimentTraining.Net newModel() {
        SentimentTraining.Data d = data.get();
        return SentimentTraining.newModel(config(), d.train(), d.validation(), d.glove());
    }

    /** As {@link SentimentTraining#run}: SGD in reference mode, else Adam. */
    @Override
    public Optimizer newOptimizer(SentimentTraining.Net model) {
        return reference ? new SGD(model.parameters(), rate) : new Adam(model.parameters(), rate);
    }

    @Override
    public int dropoutDrawsPerRow() { return DROPOUT_DRAWS_PER_ROW; }

    @Override
    public BatchGradient.Outcome shardGradient(SentimentTraining.Net model, int[] rows, int from, int to,
            Random dropoutRandom) {
        SentimentTraining.Data d = data.get();
        return SentimentTraining.shardGradient(model, d.train(), d.globalMaxLength(), config(), rows, from, to, dropoutRandom);
    }
}
