package minitorch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import minitorch.backend.Backend;
import minitorch.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The network suites compare like with like: from the same weights, batches and dropout masks, MiniTorch
 * FAST float32 and PyTorch take the same steps as the float64 reference (which is SimpleOps's result),
 * within the model's float32 tolerance; and a peer that computes something else is marked and gets no ratio.
 */
class NetworkAgreementTest {
    private static final SentimentStep.Sizes SMALL = new SentimentStep.Sizes(7, 40, 3200, "test sizes");
    @RegisterExtension
    static final TorchFixture TORCH = new TorchFixture();

    /** Each step's losses: the float64 reference's first, then each peer's. */
    private static <B> List<double[]> losses(NetworkSuite.Model<B> model, int steps, List<NetworkStep<B>> peers) throws Exception {
        Random data = new Random(3);
        List<B> batches = new ArrayList<>();
        for (int i = 0; i < 3; i++) batches.add(model.randomBatch(data));
        List<double[]> out = new ArrayList<>();
        try (NetworkStep<B> reference = model.miniTorch(Backend.FAST, DType.FLOAT64)) {
            List<NetworkStep<B>> all = new ArrayList<>(List.of(reference));
            all.addAll(peers);
            for (NetworkStep<B> p : all) {
                double[] l = new double[steps];
                for (int s = 0; s < steps; s++) l[s] = p.step(batches.get(s % batches.size()));
                out.add(l);
            }
        } finally {
            for (NetworkStep<B> p : peers) p.close();
        }
        return out;
    }

    private static <B> void assertPeersAgree(NetworkSuite.Model<B> model, int steps, List<NetworkStep<B>> peers) throws Exception {
        List<double[]> l = losses(model, steps, peers);
        double[] reference = l.get(0);
        for (int p = 1; p < l.size(); p++) {
            String verdict = LossAgreement.check(reference, l.get(p), model.tolerance());
            assertTrue(LossAgreement.agrees(verdict), peers.get(p - 1).name() + ": " + verdict);
        }
    }

    @Test
    void fastLeNetStepsAgreeWithTheFloat64Reference() throws Exception {
        assertPeersAgree(LeNetStep.MODEL, 6, List.of(LeNetStep.MODEL.miniTorch(Backend.FAST, DType.FLOAT32)));
    }

    @Test
    void fastKimCnnStepsAgreeWithTheFloat64Reference() throws Exception {
        NetworkSuite.Model<SentimentStep.Batch> model = SentimentStep.model(SMALL);
        assertPeersAgree(model, 6, List.of(model.miniTorch(Backend.FAST, DType.FLOAT32)));
    }

    @Test
    void torchLeNetStepsAgreeWithTheFloat64Reference() throws Exception {
        TorchPeer torch = TORCH.peer();
        assertPeersAgree(LeNetStep.MODEL, 6, List.of(LeNetStep.MODEL.torch(torch.manager())));
    }

    @Test
    void torchKimCnnStepsAgreeWithTheFloat64Reference() throws Exception {
        TorchPeer torch = TORCH.peer();
        NetworkSuite.Model<SentimentStep.Batch> model = SentimentStep.model(SMALL);
        assertPeersAgree(model, 6, List.of(model.torch(torch.manager())));
    }

    /** The reference is FAST in float64; SimpleOps, the readable one, computes the same steps. */
    @Test
    void theReferenceIsSimpleOpsResult() throws Exception {
        NetworkSuite.Model<SentimentStep.Batch> sentiment = SentimentStep.model(SMALL);
        for (NetworkSuite.Model<?> model : List.of(LeNetStep.MODEL, sentiment)) {
            List<double[]> l = lossesOfSimple(model);
            for (int s = 0; s < l.get(0).length; s++) {
                assertEquals(l.get(0)[s], l.get(1)[s], 1e-12 * Math.abs(l.get(0)[s]), model.heading() + " step " + s);
            }
        }
    }

    private static <B> List<double[]> lossesOfSimple(NetworkSuite.Model<B> model) throws Exception {
        return losses(model, 2, List.of(model.miniTorch(Backend.SIMPLE, DType.FLOAT64)));
    }

    /** Every peer sees the same dropout mask: MiniTorch's, which drops about the rate and scales the rest. */
    @Test
    void dropoutMaskIsMiniTorchsAndDropsAboutTheRate() {
        float[] mask = DropoutMask.scales(42, 10_000, 0.25);
        assertTrue(java.util.Arrays.equals(mask, DropoutMask.scales(42, 10_000, 0.25)), "same seed, same mask");
        int dropped = 0;
        for (float f : mask) {
            if (f == 0) dropped++;
            else assertEquals(1 / 0.75f, f, 1e-6f);
        }
        assertTrue(dropped > 2300 && dropped < 2700, "dropped " + dropped + " of 10,000 at rate 0.25");
    }

    /** A peer whose steps go wrong is marked in the agree column, and the suite prints no ratio for it. */
    @Test
    void aPeerThatComputesNaNIsMarkedAndItsRatioLeftOut() throws Exception {
        TorchPeer torch = TORCH.peer();
        NetworkSuite.Model<LeNetStep.Batch> broken = new ForwardingModel(LeNetStep.MODEL) {
            @Override
            public NetworkStep<LeNetStep.Batch> torch(NDManager manager) {
                return new NetworkStep<>() {
                    @Override
                    public String name() {
                        return "torch";
                    }

                    @Override
                    public double step(LeNetStep.Batch batch) {
                        return Double.NaN;
                    }
                };
            }
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new NetworkSuite(1, 1, 0.0, torch, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .run(broken, List.of("fast", "torch"), 1);
        String text = bytes.toString(StandardCharsets.UTF_8);
        String row = text.lines().filter(l -> l.startsWith("| MNIST")).findFirst().orElseThrow(() -> new AssertionError(text));
        String[] cells = row.substring(2, row.length() - 2).split(" \\| ");
        assertEquals("– (not comparable)", cells[4].trim(), text);
        assertTrue(cells[5].contains("fast yes") && cells[5].contains("torch NO: loss NaN at step 0"), text);
    }

    /** A model that behaves as another, for overriding one peer. */
    private static class ForwardingModel implements NetworkSuite.Model<LeNetStep.Batch> {
        private final NetworkSuite.Model<LeNetStep.Batch> inner;

        ForwardingModel(NetworkSuite.Model<LeNetStep.Batch> inner) {
            this.inner = inner;
        }

        @Override public String heading() { return inner.heading(); }
        @Override public String epochLabel() { return inner.epochLabel(); }
        @Override public int epochExamples() { return inner.epochExamples(); }
        @Override public int batchSize() { return inner.batchSize(); }
        @Override public LeNetStep.Batch randomBatch(Random data) { return inner.randomBatch(data); }
        @Override public LossAgreement.Tolerance tolerance() { return inner.tolerance(); }

        @Override
        public NetworkStep<LeNetStep.Batch> miniTorch(Backend backend, DType dtype) throws Exception {
            return inner.miniTorch(backend, dtype);
        }

        @Override
        public NetworkStep<LeNetStep.Batch> torch(NDManager manager) throws Exception {
            return inner.torch(manager);
        }
    }
}
