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
 * hidden size, MiniTorch FAST beside PyTorch (DJL), the epochs interleaved: each round runs one epoch
 * of every trainer, and the median per trainer is reported after a few warm-up epochs.
 */
final class TrainSuite {
    static final int POINTS = 50;
    static final double RATE = 0.05;
    static final long SEED = 42;

    private final List<Integer> hidden;
    private final int epochs;
    private final double warmupSeconds;
    private final int threads;
    private final TorchPeer torch;
    private final PrintStream out;
    private final boolean best;
    private final List<minitorch.tensor.DType> dtypes;

    TrainSuite(List<Integer> hidden, List<minitorch.tensor.DType> dtypes, int epochs, double warmupSeconds, int threads,
               TorchPeer torch, PrintStream out, boolean best) {
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
                        + "(threads %d, %s of %d epochs; load average before: %s)%n%n", POINTS, Trainer.BATCH, RATE,
                String.join(" and ", dtypes.stream().map(d -> d == minitorch.tensor.DType.FLOAT32 ? "float32" : "float64").toList()),
                threads, best ? "best" : "median", epochs, Machine.loadAverage());
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
            // warm-up (JIT, libtorch's allocator): epochs of every trainer until warmupSeconds have passed
            long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
            int warmupEpochs = 0;
            do {
                for (Trainer t : trainers) t.epoch();
                warmupEpochs++;
            } while (System.nanoTime() < warmEnd);
            double[][] seconds = new double[trainers.size()][epochs];
            for (int round = warmupEpochs; round < warmupEpochs + epochs; round++) {
                for (int j = 0; j < trainers.size(); j++) {
                    int i = (j + round) % trainers.size();
                    long t0 = System.nanoTime();
                    trainers.get(i).epoch();
                    double s = (System.nanoTime() - t0) * 1e-9;
                    if (round >= warmupEpochs) seconds[i][round - warmupEpochs] = s;
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
            for (Trainer t : trainers) {
                correct.add(t.name() + " " + t.correct());
                t.close();
            }
            cols.add(String.join(", ", correct) + " after " + (warmupEpochs + epochs) + " epochs");
            out.println("| " + String.join(" | ", cols) + " |");
            for (String n : notes) out.println("  (" + n + ")");
            out.flush();
        }
        out.printf("%nload average after: %s%n", Machine.loadAverage());
    }
}
