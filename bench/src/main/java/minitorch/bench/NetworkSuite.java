package minitorch.bench;

import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.module.Module;
import minitorch.module.Parameter;
import minitorch.tensor.DType;
import minitorch.tensor.Tensor;

/**
 * Seconds per training epoch of one of the original's networks (LeNet on MNIST, the Kim CNN on SST-2),
 * MiniTorch FAST beside PyTorch (DJL). A full epoch of each on a shared 2-core machine would take many
 * minutes, so the suite times {@code batches} steps per round, interleaved, and reports the median
 * time per step × (epoch examples ÷ batch size): an epoch extrapolated from measured steps, and labelled so.
 *
 * <p>Every peer starts from the same weights and takes the same batches with the same dropout masks, so
 * all compute the same losses up to rounding. After timing, MiniTorch FAST in float64 (itself tested
 * against SimpleOps) replays the first steps as the reference; each peer's first losses are checked
 * against it and all of its losses must be finite ({@link LossAgreement}). A peer that disagrees gets no ratio.
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

        /** MiniTorch's network; in float64 from float32's initial weights, widened. */
        NetworkStep<B> miniTorch(Backend backend, DType dtype) throws Exception;

        /** PyTorch's network, from MiniTorch's float32 initial weights. */
        NetworkStep<B> torch(NDManager manager) throws Exception;

        /** How far a float32 peer's losses may be from the float64 reference's, and why. */
        LossAgreement.Tolerance tolerance();
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
                    case "fast" -> nets.add(model.miniTorch(Backend.FAST, DType.FLOAT32));
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
        // the batch of every step, the same for every peer: warm-up steps, then `batches` steps per round
        List<B> sequence = new ArrayList<>();
        List<List<Double>> losses = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) losses.add(new ArrayList<>());
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        do {
            B batch = inputs.get(sequence.size() % 8);
            sequence.add(batch);
            for (int i = 0; i < nets.size(); i++) losses.get(i).add(nets.get(i).step(batch));
        } while (System.nanoTime() < warmEnd);
        for (int r = 0; r < rounds; r++) {
            for (int b = 0; b < batches; b++) sequence.add(inputs.get(b % 8));
        }
        int warmSteps = sequence.size() - rounds * batches;
        double[][] perStep = new double[nets.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < nets.size(); j++) {
                int i = (j + r) % nets.size();
                NetworkStep<B> net = nets.get(i);
                List<Double> mine = losses.get(i);
                long t0 = System.nanoTime();
                for (int b = 0; b < batches; b++) mine.add(net.step(inputs.get(b % 8)));
                perStep[i][r] = (System.nanoTime() - t0) * 1e-9 / batches;
            }
        }
        for (NetworkStep<B> n : nets) n.close();

        List<String> agree = agreement(model, sequence, nets, losses, notes);
        printTable(model, nets, losses, perStep, agree);
        for (String n : notes) out.println("  (" + n + ")");
        out.printf(Locale.ROOT, "%nagree: each peer's first %d losses against MiniTorch FAST float64 from the same weights,"
                + " batches and dropout masks (%s), and all of its %d losses (%d warm-up, %d timed) finite%n",
                Math.min(sequence.size(), LossAgreement.COMPARED_STEPS), model.tolerance().describe(), sequence.size(),
                warmSteps, rounds * batches);
        out.printf("load average after: %s%n", Machine.loadAverage());
    }

    /** Replays the steps in float64 and checks every peer's losses against it: "yes" or why not, per peer. */
    private <B> List<String> agreement(Model<B> model, List<B> sequence, List<NetworkStep<B>> nets,
            List<List<Double>> losses, List<String> notes) {
        List<String> verdicts = new ArrayList<>();
        double[] reference;
        try (NetworkStep<B> ref = model.miniTorch(Backend.FAST, DType.FLOAT64)) {
            reference = new double[Math.min(sequence.size(), LossAgreement.COMPARED_STEPS)];
            for (int s = 0; s < reference.length; s++) reference[s] = ref.step(sequence.get(s));
        } catch (Throwable e) {
            notes.add("reference (fast float64): " + Harness.shortError(e));
            for (int i = 0; i < nets.size(); i++) verdicts.add("? (no reference)");
            return verdicts;
        }
        for (List<Double> l : losses) {
            verdicts.add(LossAgreement.check(reference, l.stream().mapToDouble(Double::doubleValue).toArray(),
                    model.tolerance()));
        }
        return verdicts;
    }

    private <B> void printTable(Model<B> model, List<NetworkStep<B>> nets, List<List<Double>> losses,
            double[][] perStep, List<String> agree) {
        boolean pair = nets.size() == 2;
        List<String> head = new ArrayList<>(List.of("model", "unit"));
        for (NetworkStep<B> n : nets) head.add(n.name());
        if (pair) head.add(nets.get(0).name() + "÷" + nets.get(1).name());
        head.addAll(List.of("agree", "last loss"));
        out.println("| " + String.join(" | ", head) + " |");
        out.println("|" + "---|".repeat(head.size()));
        double[] med = new double[nets.size()];
        for (int i = 0; i < nets.size(); i++) {
            double[] s = perStep[i].clone();
            Arrays.sort(s);
            med[i] = s[s.length / 2];
        }
        List<String> cols = new ArrayList<>(List.of(model.epochLabel(), "s/epoch"));
        for (double m : med) cols.add(String.format(Locale.ROOT, "%.1f", m * model.epochExamples() / model.batchSize()));
        // a ratio against a peer that computed something else would compare different work
        if (pair) cols.add(agree.stream().allMatch(LossAgreement::agrees)
                ? String.format(Locale.ROOT, "%.2f", med[1] / med[0]) : "– (not comparable)");
        List<String> verdicts = new ArrayList<>(), last = new ArrayList<>();
        for (int i = 0; i < nets.size(); i++) {
            verdicts.add(nets.get(i).name() + " " + agree.get(i));
            List<Double> l = losses.get(i);
            last.add(nets.get(i).name() + String.format(Locale.ROOT, " %.3f", l.get(l.size() - 1)));
        }
        cols.add(String.join(", ", verdicts));
        cols.add(String.join(", ", last));
        out.println("| " + String.join(" | ", cols) + " |");
    }

    /** "fast", or "fast-f64" for a float64 MiniTorch network: the name a step shows in the table. */
    static String peerName(Backend backend, DType dtype) {
        String name = backend.name().toLowerCase(Locale.ROOT);
        return dtype == DType.FLOAT32 ? name : name + "-f64";
    }

    /** Rounds a float64 network's parameters to float32 values, so it starts from the float32 peers' weights. */
    @SuppressWarnings("unchecked")
    static void roundToFloat32(Module network) {
        for (Parameter<?> p : network.parameters()) {
            Parameter<Tensor> t = (Parameter<Tensor>) p;
            if (t.value().dtype() == DType.FLOAT64) t.update(t.value().to(DType.FLOAT32).to(DType.FLOAT64));
        }
    }

    /** The named parameters' values, row-major, as float32: what a peer outside MiniTorch starts from. */
    @SuppressWarnings("unchecked")
    static List<float[]> floats(Module network, List<String> names) {
        List<float[]> values = new ArrayList<>();
        for (String name : names) {
            Parameter<?> p = network.namedParameters().get(name);
            if (p == null) {
                throw new IllegalStateException("no parameter '" + name + "' in " + network.namedParameters().keySet());
            }
            double[] d = ((Parameter<Tensor>) p).value().toDoubleArray();
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
            values.add(f);
        }
        return values;
    }
}
