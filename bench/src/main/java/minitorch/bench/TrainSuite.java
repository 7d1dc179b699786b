package minitorch.bench;

import ai.djl.ndarray.types.DataType;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import minitorch.data.Datasets;
import minitorch.data.Graph;
import minitorch.data.PythonRandom;

/**
 * Seconds per training epoch of run_fast_tensor's model (split data, 50 points, rate 0.05) for each
 * hidden size, MiniTorch FAST beside PyTorch (DJL), in one process: after warm-up, rounds in which every
 * trainer runs a block of {@value #BLOCK} epochs in turn, each block once the CPUs are idle ({@link Quiet}), and
 * the median epoch per trainer is reported.
 *
 * <p>Why blocks and waits: with one epoch of each in turn, each trainer ran while the other's worker
 * threads were still spinning for more work (libgomp's, the FJ pool's), and on 2 vCPUs both slowed down
 * (PyTorch up to 3×, docs/performance-log.md). The rounds keep what interleaving was for: a noisy spell of the
 * machine falls on every trainer.
 */
final class TrainSuite {
    static final int POINTS = 50;
    static final double RATE = 0.05;
    static final long SEED = 42;
    /** Epochs a trainer runs in a row. */
    static final int BLOCK = 5;

    private final List<Integer> hidden;
    private final int epochs;
    private final double warmupSeconds;
    private final int threads;
    private final TorchPeer torch;
    private final PrintStream out;
    private final boolean best;
    private final List<minitorch.tensor.DType> dtypes;
    /** Whether each block waits for idle CPUs ({@link Harness.Settings#idleFirst}). */
    private final boolean idleFirst;

    TrainSuite(List<Integer> hidden, List<minitorch.tensor.DType> dtypes, int epochs, double warmupSeconds, int threads,
               TorchPeer torch, PrintStream out, boolean best, boolean idleFirst) {
        this.idleFirst = idleFirst;
        this.hidden = hidden;
        this.dtypes = dtypes;
        this.epochs = epochs;
        this.warmupSeconds = warmupSeconds;
        this.threads = threads;
        this.torch = torch;
        this.out = out;
        this.best = best;
    }

    void run(List<String> peers) throws Exception {
        out.printf(Locale.ROOT, "%n### train: run_fast_tensor, split, %d points, batches of %d, rate %.2f, %s "
                        + "(threads %d, %s of %d epochs, blocks of " + BLOCK + " per trainer in turn; load average before: %s)%n%n", POINTS, Trainer.BATCH, RATE,
                String.join(" and ", dtypes.stream().map(d -> d == minitorch.tensor.DType.FLOAT32 ? "float32" : "float64").toList()),
                threads, best ? "best" : "median", epochs, Machine.loadAverage());
        Quiet.Tally waits = Quiet.tally();
        List<String> columns = new ArrayList<>();
        for (String p : peers) if (List.of("fast", "simple", "torch").contains(p)) columns.add(p);
        List<String> head = new ArrayList<>(List.of("model", "dtype", "unit"));
        head.addAll(columns);
        for (String p : columns) if (!p.equals("fast")) head.add("fast÷" + p);
        head.add("correct after (of " + POINTS + ")");
        out.println("| " + String.join(" | ", head) + " |");
        out.println("|" + "---|".repeat(head.size()));
        Graph data = Datasets.SPLIT.generate(POINTS, new PythonRandom(SEED)); // the data `minitorch train -d split` makes
        for (int h : hidden) for (minitorch.tensor.DType dtype : dtypes) {
            List<Trainer> trainers = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            for (String p : columns) {
                try {
                    Trainer t = switch (p) {
                        case "torch" -> torch == null ? null
                                : new TorchTrainer(torch.manager(), data, h, RATE, SEED,
                                dtype == minitorch.tensor.DType.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64);
                        default -> MiniTorchTrainers.create(p, data, h, RATE, SEED, dtype);
                    };
                    if (t == null) notes.add(p + ": unavailable");
                    else trainers.add(t);
                } catch (Throwable e) {
                    notes.add(p + ": " + Harness.shortError(e));
                }
            }
            int warmupEpochs = warmUp(trainers);
            double[][] seconds = new double[trainers.size()][epochs];
            double[] lastLoss = new double[trainers.size()];
            for (int done = 0, round = 0; done < epochs; done += BLOCK, round++) {
                for (int j = 0; j < trainers.size(); j++) {
                    int i = (j + round) % trainers.size();
                    if (idleFirst) Quiet.await(); // the trainer before may have left threads spinning
                    for (int e = done; e < Math.min(epochs, done + BLOCK); e++) {
                        long t0 = System.nanoTime();
                        lastLoss[i] = trainers.get(i).epoch();
                        seconds[i][e] = (System.nanoTime() - t0) * 1e-9;
                    }
                }
            }
            List<String> cols = new ArrayList<>(List.of("split H=" + h,
                    dtype == minitorch.tensor.DType.FLOAT32 ? "f32" : "f64", "s/epoch"));
            double fast = Double.NaN;
            double[] median = new double[columns.size()];
            Arrays.fill(median, Double.NaN);
            for (int i = 0; i < trainers.size(); i++) {
                double[] s = seconds[i].clone();
                Arrays.sort(s);
                median[columns.indexOf(trainers.get(i).name())] = best ? s[0] : s[s.length / 2];
            }
            for (int c = 0; c < columns.size(); c++) {
                cols.add(Double.isNaN(median[c]) ? "n/a" : String.format(Locale.ROOT, "%.4f", median[c]));
                if (columns.get(c).equals("fast")) fast = median[c];
            }
            for (int c = 0; c < columns.size(); c++) {
                if (columns.get(c).equals("fast")) continue;
                cols.add(Double.isNaN(fast) || Double.isNaN(median[c]) ? "–"
                        : String.format(Locale.ROOT, "%.2f", median[c] / fast));
            }
            List<String> correct = new ArrayList<>();
            for (int i = 0; i < trainers.size(); i++) {
                Trainer t = trainers.get(i);
                // a loss that is not a number: the model diverged, and its epochs timed arithmetic on NaN
                correct.add(t.name() + " " + t.correct() + (Double.isNaN(lastLoss[i]) ? " (loss NaN)" : ""));
                t.close();
            }
            cols.add(String.join(", ", correct) + " after " + (warmupEpochs + epochs) + " epochs");
            out.println("| " + String.join(" | ", cols) + " |");
            for (String n : notes) out.println("  (" + n + ")");
            out.flush();
        }
        out.printf("%nload average after: %s%s%n", Machine.loadAverage(), Quiet.tally().since(waits));
    }

    /** Epochs of every trainer (JIT, libtorch's allocator) until the JIT is done ({@link JitWarmUp}); returns the epochs run. */
    private int warmUp(List<Trainer> trainers) throws Exception {
        return JitWarmUp.run(warmupSeconds, () -> {
            for (Trainer t : trainers) t.epoch();
        });
    }
}
