package minitorch.ops.fast;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

// TEMPLATE: DoubleConvolution.java is generated from this file by KernelGenerator (core/src/test/java/minitorch/ops/fast).
/**
 * The two inner kernels of {@link FastConvolution} for one element type, one output plane per call
 * (task = b * outChannels + o), on the zero-padded input buffer FastConvolution prepares. Each
 * element type has its own class for the reason given in {@link FloatElementwise}: the 32-bit class
 * is the template, its twin is generated.
 */
final class FloatConvolution {
    private FloatConvolution() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /**
     * The axpy form with the output in registers: for each block of 4 vectors of the output plane,
     * every tap (c, i, j) adds {@code w * in[tapOffset + x]}, and the block is stored once. So each
     * fused multiply-add costs one load, instead of a load and a store of the output as well.
     */
    static float[] axpy(float[] in, float[] w, FastConvolution.Geometry g, int task) {
        int b = task / g.outChannels, o = task % g.outChannels, n = g.span();
        int taps = g.inChannels * g.kh * g.kw;
        int[] offsets = FastConvolution.tapOffsets(g, b);
        int firstTap = o * taps;
        float[] acc = new float[n];
        int lanes = S.length(), block = 4 * lanes;
        int x = 0;
        for (; x + block <= n; x += block) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int t = 0; t < taps; t++) {
                FloatVector wb = FloatVector.broadcast(S, w[firstTap + t]);
                int base = offsets[t] + x;
                a0 = FloatVector.fromArray(S, in, base).fma(wb, a0);
                a1 = FloatVector.fromArray(S, in, base + lanes).fma(wb, a1);
                a2 = FloatVector.fromArray(S, in, base + 2 * lanes).fma(wb, a2);
                a3 = FloatVector.fromArray(S, in, base + 3 * lanes).fma(wb, a3);
            }
            a0.intoArray(acc, x);
            a1.intoArray(acc, x + lanes);
            a2.intoArray(acc, x + 2 * lanes);
            a3.intoArray(acc, x + 3 * lanes);
        }
        for (; x + lanes <= n; x += lanes) {
            FloatVector a0 = FloatVector.zero(S);
            for (int t = 0; t < taps; t++) {
                a0 = FloatVector.fromArray(S, in, offsets[t] + x).fma(FloatVector.broadcast(S, w[firstTap + t]), a0);
            }
            a0.intoArray(acc, x);
        }
        for (; x < n; x++) {
            float sum = 0;
            for (int t = 0; t < taps; t++) {
                sum += w[firstTap + t] * in[offsets[t] + x];
            }
            acc[x] = sum;
        }
        return acc;
    }

    /** Each output element as one dot product of the padded kernel with the buffer at its offset. */
    static float[] dot(float[] in, float[] w, FastConvolution.Geometry g, int task) {
        int b = task / g.outChannels, o = task % g.outChannels;
        int len = (g.kh - 1) * g.wp + g.kw;   // the padded kernel's last useful element + 1
        int bound = S.loopBound(len);
        float[] acc = new float[g.span()];
        for (int y = 0; y < g.height; y++) {
            for (int x = 0; x < g.width; x++) {
                FloatVector sum = FloatVector.zero(S);
                float tail = 0;
                for (int c = 0; c < g.inChannels; c++) {
                    int base = (b * g.inChannels + c) * g.planeSize + y * g.wp + x;
                    int taps = (o * g.inChannels + c) * g.kh * g.wp;
                    int k = 0;
                    for (; k < bound; k += S.length()) {
                        sum = FloatVector.fromArray(S, in, base + k).fma(FloatVector.fromArray(S, w, taps + k), sum);
                    }
                    for (; k < len; k++) { tail += in[base + k] * w[taps + k]; }
                }
                acc[y * g.wp + x] = sum.reduceLanes(VectorOperators.ADD) + tail;
            }
        }
        return acc;
    }
}
