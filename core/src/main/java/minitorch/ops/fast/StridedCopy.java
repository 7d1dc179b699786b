package minitorch.ops.fast;

import minitorch.layout.DoubleStorage;
import minitorch.layout.FloatStorage;
import minitorch.layout.Storage;

/**
 * The one data-movement loop the convolutions need to lay operands out for their kernels:
 * {@code dst[to + i*dstStride] = src[from + i*srcStride]} for i &lt; count, on the typed arrays
 * (System.arraycopy when both are dense), through {@link Storage#get}/{@link Storage#set} only
 * when the two element types differ. A negative source stride reads backwards (a flipped kernel).
 */
final class StridedCopy {
    private StridedCopy() {}

    static void copy(Storage src, int from, int srcStride, Storage dst, int to, int dstStride, int count) {
        if (src instanceof FloatStorage(float[] s) && dst instanceof FloatStorage(float[] d)) {
            if (srcStride == 1 && dstStride == 1) {
                System.arraycopy(s, from, d, to, count);
            } else {
                for (int i = 0; i < count; i++) d[to + i * dstStride] = s[from + i * srcStride];
            }
        } else if (src instanceof DoubleStorage(double[] s) && dst instanceof DoubleStorage(double[] d)) {
            if (srcStride == 1 && dstStride == 1) {
                System.arraycopy(s, from, d, to, count);
            } else {
                for (int i = 0; i < count; i++) d[to + i * dstStride] = s[from + i * srcStride];
            }
        } else {
            for (int i = 0; i < count; i++) dst.set(to + i * dstStride, src.get(from + i * srcStride));
        }
    }
}
