package minitorch.bench;

import java.util.Locale;
import java.util.Random;
import minitorch.backend.fast.FastConvolution;
import minitorch.backend.fast.FastConvolution.Strategy;
import minitorch.tensor.DType;
import minitorch.tensor.TensorData;

/**
 * Why FastConvolution picks direct SIMD loops for images and im2col + matmul for sentences: times
 * both strategies, interleaved, on the forward, input-gradient and weight-gradient calls of LeNet's
 * second convolution (MNIST) and of the sentiment CNN's width-4 convolution (SST-2), float32.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/minitorch-bench.jar minitorch.bench.ConvolutionChoice</pre>
 */
public final class ConvolutionChoice {
    private ConvolutionChoice() {}

    record Call(String name, TensorData input, TensorData weight, TensorData out, boolean reverse) {}

    static TensorData random(Random r, int... shape) {
        TensorData t = TensorData.zeros(DType.FLOAT32, shape);
        for (int i = 0; i < t.size(); i++) {
            t.storage().set(i, r.nextDouble() - 0.5);
        }
        return t;
    }

    /** Forward, input gradient (reverse) and weight gradient (permuted) calls for one layer. */
    static Call[] layer(String name, Random r, int batch, int in, int out, int[] spatial, int[] kernel) {
        int[] x = new int[2 + spatial.length], w = new int[2 + spatial.length], y = new int[2 + spatial.length];
        x[0] = batch; x[1] = in; w[0] = out; w[1] = in; y[0] = batch; y[1] = out;
        for (int i = 0; i < spatial.length; i++) {
            x[2 + i] = spatial[i]; w[2 + i] = kernel[i]; y[2 + i] = spatial[i];
        }
        TensorData input = random(r, x), weight = random(r, w), grad = random(r, y);
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
            new Call(name + " forward", input, weight, TensorData.zeros(DType.FLOAT32, y), false),
            new Call(name + " grad input", grad, weight.permute(swap), TensorData.zeros(DType.FLOAT32, x), true),
            new Call(name + " grad weight", input.permute(swap), grad.permute(swap), TensorData.zeros(DType.FLOAT32, gw), false),
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
        Call[] mnist = layer("MNIST conv2 (32x4x28x28, 8x4x3x3)", r, 32, 4, 8, new int[] {28, 28}, new int[] {3, 3});
        Call[] sst = layer("SST-2 conv (32x50x25, 100x50x4)", r, 32, 50, 100, new int[] {25}, new int[] {4});
        System.out.printf(Locale.ROOT, "%-50s %12s %12s %8s%n", "call (float32)", "direct ms", "im2col ms", "chosen");
        for (Call[] calls : new Call[][] {mnist, sst}) {
            for (Call c : calls) {
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
                for (int round = 0; round < 15; round++) {
                    for (int k = 0; k < 2; k++) {
                        Strategy s = k == 0 ? Strategy.DIRECT : Strategy.IM2COL;
                        long t0 = System.nanoTime();
                        for (int i = 0; i < 5; i++) {
                            run(c, s);
                        }
                        best[k] = Math.min(best[k], (System.nanoTime() - t0) / 5e6);
                    }
                }
                System.out.printf(Locale.ROOT, "%-50s %12.3f %12.3f %8s%n", c.name(), best[0], best[1],
                        best[0] <= best[1] ? "direct" : "im2col");
            }
        }
    }
}
