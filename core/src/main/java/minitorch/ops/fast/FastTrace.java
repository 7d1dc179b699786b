package minitorch.ops.fast;

import java.util.Arrays;

/**
 * What one {@link FastOps} call did — Java's answer to the original's {@code parallel_check.py}:
 * the kernel, the op, the element type, a shape, the path its inner loop took and how many threads
 * ran it. The shape is the tensor's as the caller gave it (the output's for map, zip and matmul, the
 * input's for reduce, the parameter's for adam), not the coalesced shape the loop walks. {@link #toString} is the trace line, e.g.
 * {@code map RELU float32 [1000000] contiguous-simd threads=2}.
 *
 * <p>Paths: {@code contiguous-simd} (all operands dense and in the same order: one flat SIMD loop),
 * {@code rows-simd} (rows of unit stride, e.g. a bias add (N,M)+(M)), {@code broadcast-simd}
 * (one operand fixed along the row, held in a register), {@code strided} (any other layout: the
 * odometer walk with a scalar row loop),
 * {@code function} (a Java function: scalar rows, in parallel);
 * reduce: {@code horizontal-simd} (folding a unit-stride dimension), {@code vertical-simd} (folding
 * across rows, a vector of outputs at a time), {@code split-rows-simd} (a big sum across rows: each
 * thread sums a band of whole rows, then the bands' partial rows are added), {@code split-simd} (one
 * output, the fold itself split over threads), {@code strided}; matmul: {@code packed-simd} (blocked,
 * packed FMA micro-kernel), {@code few-rows-simd} (at most 16 rows of A on AVX2: B read in place, only
 * Aᵀ packed), {@code plain} (tiny products, where packing costs more than it saves) or {@code empty};
 * adam: {@code fused-simd}. (Operands of different element types never reach a kernel: the dispatcher
 * promotes them, and a direct call is refused.)
 */
public record FastTrace(String kernel, String op, String dtype, int[] shape, String path, int threads) {

    public FastTrace {
        shape = shape.clone();
    }

    @Override
    public int[] shape() { return shape.clone(); }

    @Override
    public String toString() {
        return kernel + " " + op + " " + dtype + " " + Arrays.toString(shape) + " " + path + " threads=" + threads;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FastTrace t && kernel.equals(t.kernel) && op.equals(t.op) && dtype.equals(t.dtype)
                && Arrays.equals(shape, t.shape) && path.equals(t.path) && threads == t.threads;
    }

    @Override
    public int hashCode() { return toString().hashCode(); }
}
