package minitorch.bench;

import java.util.Locale;
import java.util.Random;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import minitorch.ops.fast.FastConvolution.Strategy;
import minitorch.ops.fast.FastConvolution;

/**
 * Why FastConvolution picks direct SIMD loops for images and the overlapping-view matrix product
 * (RowConvolution) for sentences: times every strategy, interleaved, on the forward, input-gradient
 * and weight-gradient calls of LeNet's second convolution (MNIST) and of the sentiment CNN's width-4
 * convolution (SST-2, padded length 52, the input channels-last as the embedding gives it), float32,
 * on FAST's threads ({@code -Dminitorch.fast.threads=N}).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/minitorch-bench.jar minitorch.bench.ConvolutionChoice</pre>
 */
public final class ConvolutionChoice {
    private ConvolutionChoice() {}

    record Call(String name, TensorData input, TensorData weight, TensorData out, boolean reverse) {}

    static TensorData random(Random r, int... shape) {
        TensorData t = TensorData.zeros(ElementType.FLOAT32, shape);
        for (int i = 0; i < t.size(); i++) {
            t.storage().set(i, r.nextDouble() - 0.5);
        }
        return t;
    }

    /** Forward, input gradient (reverse) and weight gradient (permuted) calls for one layer. */
    static Call[] layer(String name, Random r, int batch, int in, int out, int[] spatial, int[] kernel, boolean channelsLast) {
        int[] x = new int[2 + spatial.length], w = new int[2 + spatial.length], y = new int[2 + spatial.length];
        x[0] = batch; x[1] = in; w[0] = out; w[1] = in; y[0] = batch; y[1] = out;
        for (int i = 0; i < spatial.length; i++) {
            x[2 + i] = spatial[i]; w[2 + i] = kernel[i]; y[2 + i] = spatial[i];
        }
        // channels-last: (batch, length, channels) seen as (batch, channels, length), as Embedding's output is
        TensorData input = channelsLast ? random(r, batch, spatial[0], in).permute(0, 2, 1) : random(r, x);
        TensorData weight = random(r, w), grad = random(r, y);
        int[] swap = new int[x.length];
        for (int i = 0; i < swap.length; i++) {
            swap[i] = i;
        }
        swap[0] = 1;
        swap[1] = 0;
        int[] gw = w.clone();
        gw[0] = in;
        gw[1] = out;
        return new Call[] {
            new Call(name + " forward", input, weight, TensorData.zeros(ElementType.FLOAT32, y), false),
            new Call(name + " grad input", grad, weight.permute(swap), TensorData.zeros(ElementType.FLOAT32, x), true),
            new Call(name + " grad weight", input.permute(swap), grad.permute(swap), TensorData.zeros(ElementType.FLOAT32, gw), false),
        };
    }

    static void run(Call c, Strategy s) {
        if (c.input().dims() == 3) {
            FastConvolution.conv1d(c.input(), c.weight(), c.out(), c.reverse(), s);
        } else {
            FastConvolution.conv2d(c.input(), c.weight(), c.out(), c.reverse(), s);
        }
    }

    public static void main(String[] args) {
        Random r = new Random(1);
        Call[] mnist = layer("MNIST conv2 (32x4x28x28, 8x4x3x3)", r, 32, 4, 8, new int[] {28, 28}, new int[] {3, 3}, false);
        Call[] sst = layer("SST-2 conv (32x50x52, 100x50x4)", r, 32, 50, 100, new int[] {52}, new int[] {4}, true);
        Call[] few = layer("few channels (8x2x1024, 4x2x5)", r, 8, 2, 4, new int[] {1024}, new int[] {5}, false);
        Call[] longer = layer("long sentences (8x50x256, 100x50x4)", r, 8, 50, 100, new int[] {256}, new int[] {4}, true);
        Strategy[] strategies = {Strategy.DIRECT, Strategy.IM2COL, Strategy.ROWS, Strategy.AUTO};
        System.out.printf(Locale.ROOT, "%-48s %10s %10s %10s %10s %8s%n", "call (float32), best ms", "direct", "im2col", "rows",
                "auto", "fastest");
        for (Call[] calls : new Call[][] {mnist, sst, longer, few}) {
            for (Call c : calls) {
                double[] best = new double[strategies.length];
                java.util.Arrays.fill(best, Double.MAX_VALUE);
                for (int round = 0; round < 15; round++) {
                    for (int k = 0; k < strategies.length; k++) {
                        long t0 = System.nanoTime();
                        for (int i = 0; i < 5; i++) {
                            run(c, strategies[k]);
                        }
                        best[k] = Math.min(best[k], (System.nanoTime() - t0) / 5e6);
                    }
                }
                int fastest = 0;
                for (int k = 1; k < strategies.length - 1; k++) {
                    fastest = best[k] < best[fastest] ? k : fastest;
                }
                System.out.printf(Locale.ROOT, "%-48s %10.3f %10.3f %10.3f %10.3f %8s%n", c.name(), best[0], best[1], best[2],
                        best[3], strategies[fastest].name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
