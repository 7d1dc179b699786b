package minitorch.bench;

import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import minitorch.backend.Backend;

/**
 * Seconds per training epoch of one of the original's networks (LeNet on MNIST, the Kim CNN on SST-2),
 * MiniTorch FAST beside PyTorch (DJL). A full epoch of each on a shared 2-core machine would take many
 * minutes, so the suite times {@code batches} steps per round, interleaved, and reports the median
 * time per step × (epoch examples ÷ batch size): an epoch extrapolated from measured steps, and labelled so.
 */
final class NetworkSuite {

    /** A network as the suite needs it: its names, its epoch, synthetic batches, and a step per peer. */
    interface Model<B> {
        /** The section heading, e.g. "mnist: LeNet step (batch 16, SGD, float32)". */
        String heading();

        /** The table row's label, saying the epoch is extrapolated. */
        String epochLabel();

        int epochExamples();

        int batchSize();

        /** A synthetic batch of the real shape: a step's cost does not depend on the values. */
        B randomBatch(Random data);

        NetworkStep<B> miniTorch(Backend backend) throws Exception;

        NetworkStep<B> torch(NDManager manager) throws Exception;
    }

    private final int batches;
    private final int rounds;
    private final double warmupSeconds;
    private final TorchPeer torch;
    private final PrintStream out;

    NetworkSuite(int batches, int rounds, double warmupSeconds, TorchPeer torch, PrintStream out) {
        this.batches = batches;
        this.rounds = rounds;
        this.warmupSeconds = warmupSeconds;
        this.torch = torch;
        this.out = out;
    }

    <B> void run(Model<B> model, List<String> peers, int threads) throws Exception {
        out.printf(Locale.ROOT, "%n### %s, %d steps per measurement, %d rounds (threads %d; load average before: %s)%n%n",
                model.heading(), batches, rounds, threads, Machine.loadAverage());
        List<NetworkStep<B>> nets = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String p : peers) {
            try {
                switch (p) {
                    case "fast" -> nets.add(model.miniTorch(Backend.FAST));
                    case "torch" -> {
                        if (torch == null) notes.add("torch: unavailable");
                        else nets.add(model.torch(torch.manager()));
                    }
                    default -> { }
                }
            } catch (Throwable e) {
                notes.add(p + ": " + Harness.shortError(e));
            }
        }
        Random data = new Random(3);
        List<B> inputs = new ArrayList<>();
        for (int b = 0; b < 8; b++) inputs.add(model.randomBatch(data));
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int k = 0;
        do {
            for (NetworkStep<B> n : nets) n.step(inputs.get(k % 8));
            k++;
        } while (System.nanoTime() < warmEnd);
        double[][] perStep = new double[nets.size()][rounds];
        double[] lastLoss = new double[nets.size()];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < nets.size(); j++) {
                int i = (j + r) % nets.size();
                long t0 = System.nanoTime();
                for (int b = 0; b < batches; b++) lastLoss[i] = nets.get(i).step(inputs.get(b % 8));
                perStep[i][r] = (System.nanoTime() - t0) * 1e-9 / batches;
            }
        }
        out.println("| model | unit | " + String.join(" | ", nets.stream().map(NetworkStep::name).toList())
                + (nets.size() == 2 ? " | " + nets.get(0).name() + "÷" + nets.get(1).name() : "") + " | last loss |");
        out.println("|" + "---|".repeat(3 + nets.size() + (nets.size() == 2 ? 1 : 0)));
        double[] med = new double[nets.size()];
        for (int i = 0; i < nets.size(); i++) {
            double[] s = perStep[i].clone();
            Arrays.sort(s);
            med[i] = s[s.length / 2];
        }
        List<String> cols = new ArrayList<>(List.of(model.epochLabel(), "s/epoch"));
        for (double m : med) cols.add(String.format(Locale.ROOT, "%.1f", m * model.epochExamples() / model.batchSize()));
        if (nets.size() == 2) cols.add(String.format(Locale.ROOT, "%.2f", med[1] / med[0]));
        List<String> losses = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) losses.add(nets.get(i).name() + String.format(Locale.ROOT, " %.3f", lastLoss[i]));
        cols.add(String.join(", ", losses));
        out.println("| " + String.join(" | ", cols) + " |");
        for (String n : notes) out.println("  (" + n + ")");
        for (NetworkStep<B> n : nets) n.close();
        out.printf("%nload average after: %s%n", Machine.loadAverage());
    }
}
