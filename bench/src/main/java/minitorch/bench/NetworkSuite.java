package minitorch.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import minitorch.backend.Backend;

/**
 * Seconds per MNIST epoch of the original's LeNet (60,000 images, batches of 16, SGD, float32),
 * MiniTorch FAST beside PyTorch (DJL). A full epoch of each on a shared 2-core machine would take many
 * minutes, so the suite times {@code batches} steps per round, interleaved, and reports the median
 * time per step × 3,750 steps: an epoch extrapolated from measured steps, and labelled so.
 */
final class NetworkSuite {
    static final int EPOCH_IMAGES = 60_000;
    static final int BATCH = 16;

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

    void run(List<String> peers, int threads) throws Exception {
        out.printf(Locale.ROOT, "%n### mnist: LeNet step (batch %d, SGD, float32), %d steps per measurement, %d rounds "
                + "(threads %d; load average before: %s)%n%n", BATCH, batches, rounds, threads, Machine.loadAverage());
        List<LeNetStep> nets = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String p : peers) {
            try {
                switch (p) {
                    case "fast" -> nets.add(new LeNetStep.MiniTorch(Backend.FAST, 7, 0.01));
                    case "torch" -> {
                        if (torch == null) notes.add("torch: unavailable");
                        else nets.add(new LeNetStep.Torch(torch.manager(), 7, 0.01));
                    }
                    default -> { }
                }
            } catch (Throwable e) {
                notes.add(p + ": " + Harness.shortError(e));
            }
        }
        Random data = new Random(3);
        float[][] pixels = new float[8][BATCH * 28 * 28];
        int[][] labels = new int[8][BATCH];
        for (int b = 0; b < 8; b++) {
            for (int i = 0; i < pixels[b].length; i++) pixels[b][i] = data.nextFloat();
            for (int i = 0; i < BATCH; i++) labels[b][i] = data.nextInt(LeNetStep.CLASSES);
        }
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int k = 0;
        do {
            for (LeNetStep n : nets) n.step(pixels[k % 8], labels[k % 8]);
            k++;
        } while (System.nanoTime() < warmEnd);
        double[][] perStep = new double[nets.size()][rounds];
        double[] lastLoss = new double[nets.size()];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < nets.size(); j++) {
                int i = (j + r) % nets.size();
                long t0 = System.nanoTime();
                for (int b = 0; b < batches; b++) lastLoss[i] = nets.get(i).step(pixels[b % 8], labels[b % 8]);
                perStep[i][r] = (System.nanoTime() - t0) * 1e-9 / batches;
            }
        }
        out.println("| model | unit | " + String.join(" | ", nets.stream().map(LeNetStep::name).toList())
                + (nets.size() == 2 ? " | " + nets.get(0).name() + "÷" + nets.get(1).name() : "") + " | last loss |");
        out.println("|" + "---|".repeat(3 + nets.size() + (nets.size() == 2 ? 1 : 0)));
        double[] med = new double[nets.size()];
        for (int i = 0; i < nets.size(); i++) {
            double[] s = perStep[i].clone();
            Arrays.sort(s);
            med[i] = s[s.length / 2];
        }
        List<String> cols = new ArrayList<>(List.of("MNIST LeNet epoch (60,000 images, extrapolated)", "s/epoch"));
        for (double m : med) cols.add(String.format(Locale.ROOT, "%.1f", m * EPOCH_IMAGES / BATCH));
        if (nets.size() == 2) cols.add(String.format(Locale.ROOT, "%.2f", med[1] / med[0]));
        List<String> losses = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) losses.add(nets.get(i).name() + String.format(Locale.ROOT, " %.3f", lastLoss[i]));
        cols.add(String.join(", ", losses));
        out.println("| " + String.join(" | ", cols) + " |");
        for (String n : notes) out.println("  (" + n + ")");
        for (LeNetStep n : nets) n.close();
        out.printf("%nload average after: %s%n", Machine.loadAverage());
    }
}
