package minitorch.ops.fast;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

// GENERATED from FloatConvolution.java by KernelGenerator: edit the template, not this file.
/**
 * The two inner kernels of {@link FastConvolution} for one element type, one output plane per call
 * (task = b * outChannels + o), on the zero-padded input buffer FastConvolution prepares. Each
 * element type has its own class for the reason given in {@link DoubleElementwise}: the 32-bit class
 * is the template, its twin is generated.
 */
final class DoubleConvolution {
    private DoubleConvolution() {}

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /**
     * The axpy form with the output in registers: for each block of 4 vectors of the output plane,
     * every tap (c, i, j) adds {@code w * in[tapOffset + x]}, and the block is stored once. So each
     * fused multiply-add costs one load, instead of a load and a store of the output as well.
     */
    static double[] axpy(double[] in, double[] w, FastConvolution.Geometry g, int task) {
        int b = task / g.outChannels, o = task % g.outChannels, n = g.span();
        int taps = g.inChannels * g.kh * g.kw;
        int[] offsets = FastConvolution.tapOffsets(g, b);
        int firstTap = o * taps;
        double[] acc = new double[n];
        int lanes = S.length(), block = 4 * lanes;
        int x = 0;
        for (; x + block <= n; x += block) {
            DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int t = 0; t < taps; t++) {
                DoubleVector wb = DoubleVector.broadcast(S, w[firstTap + t]);
                int base = offsets[t] + x;
                a0 = DoubleVector.fromArray(S, in, base).fma(wb, a0);
                a1 = DoubleVector.fromArray(S, in, base + lanes).fma(wb, a1);
                a2 = DoubleVector.fromArray(S, in, base + 2 * lanes).fma(wb, a2);
                a3 = DoubleVector.fromArray(S, in, base + 3 * lanes).fma(wb, a3);
            }
            a0.intoArray(acc, x);
            a1.intoArray(acc, x + lanes);
            a2.intoArray(acc, x + 2 * lanes);
            a3.intoArray(acc, x + 3 * lanes);
        }
        for (; x + lanes <= n; x += lanes) {
            DoubleVector a0 = DoubleVector.zero(S);
            for (int t = 0; t < taps; t++) {
                a0 = DoubleVector.fromArray(S, in, offsets[t] + x).fma(DoubleVector.broadcast(S, w[firstTap + t]), a0);
            }
            a0.intoArray(acc, x);
        }
        for (; x < n; x++) {
            double sum = 0;
            for (int t = 0; t < taps; t++) {
                sum += w[firstTap + t] * in[offsets[t] + x];
            }
            acc[x] = sum;
        }
        return acc;
    }

    /** Each output element as one dot product of the padded kernel with the buffer at its offset. */
    static double[] dot(double[] in, double[] w, FastConvolution.Geometry g, int task) {
        int b = task / g.outChannels, o = task % g.outChannels;
        int len = (g.kh - 1) * g.wp + g.kw;   // the padded kernel's last useful element + 1
        int bound = S.loopBound(len);
        double[] acc = new double[g.span()];
        for (int y = 0; y < g.height; y++) {
            for (int x = 0; x < g.width; x++) {
                DoubleVector sum = DoubleVector.zero(S);
                double tail = 0;
                for (int c = 0; c < g.inChannels; c++) {
                    int base = (b * g.inChannels + c) * g.planeSize + y * g.wp + x;
                    int taps = (o * g.inChannels + c) * g.kh * g.wp;
                    int k = 0;
                    for (; k < bound; k += S.length()) {
                        sum = DoubleVector.fromArray(S, in, base + k).fma(DoubleVector.fromArray(S, w, taps + k), sum);
                    }
                    for (; k < len; k++) { tail += in[base + k] * w[taps + k]; }
                }
                acc[y * g.wp + x] = sum.reduceLanes(VectorOperators.ADD) + tail;
            }
        }
        return acc;
    }
}
