package minitorch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.tensor.DType;

/**
 * How far float32 training drifts from float64 over the steps, for MiniTorch FAST and PyTorch: the figures
 * behind the network suites' tolerances ({@link LossAgreement}). Each model trains on the suites' 8 repeated
 * batches from the same weights and masks; printed is the largest relative loss deviation from FAST float64
 * up to each step.
 *
 * <pre>java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp bench/target/minitorch-bench.jar minitorch.bench.LossDrift [steps]</pre>
 */
public final class LossDrift {
    private static final int[] REPORTED = {1, 16, 25, 50, 100, 200, 325, 400};

    private LossDrift() {}

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        String[] why = new String[1];
        try (TorchPeer torch = TorchPeer.start(1, why)) {
            if (torch == null) System.out.println("(" + why[0] + ": FAST only)");
            drift(LeNetStep.MODEL, torch, steps);
            drift(SentimentStep.model(SentimentStep.Sizes.FALLBACK), torch, steps);
        }
    }

    private static <B> void drift(NetworkSuite.Model<B> model, TorchPeer torch, int steps) throws Exception {
        Random data = new Random(3);
        List<B> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) batches.add(model.randomBatch(data));
        List<NetworkStep<B>> peers = new ArrayList<>(List.of(model.miniTorch(Backend.FAST, DType.FLOAT32)));
        if (torch != null) peers.add(model.torch(torch.manager()));
        double[] worst = new double[peers.size()];
        System.out.printf(Locale.ROOT, "%n%s: largest relative loss deviation from FAST float64 up to each step%n",
                model.epochLabel());
        try (NetworkStep<B> reference = model.miniTorch(Backend.FAST, DType.FLOAT64)) {
            for (int s = 0; s < steps; s++) {
                B batch = batches.get(s % batches.size());
                double ref = reference.step(batch);
                for (int p = 0; p < peers.size(); p++) {
                    worst[p] = Math.max(worst[p], LossAgreement.deviation(peers.get(p).step(batch), ref));
                }
                int done = s + 1;
                if (java.util.Arrays.stream(REPORTED).anyMatch(r -> r == done)) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  step %3d:", done));
                    for (int p = 0; p < peers.size(); p++) {
                        line.append(String.format(Locale.ROOT, "  %s %.1e", peers.get(p).name(), worst[p]));
                    }
                    System.out.println(line);
                }
            }
        } finally {
            for (NetworkStep<B> p : peers) p.close();
        }
    }
}
