package minitorch.ops.cuda;

import java.util.Arrays;
import minitorch.layout.ElementType;
import minitorch.layout.TensorData;
import minitorch.ops.UnaryOp;

/**
 * The original's CUDA teaching exercises (Tasks 3.3 and 3.4), kept next to the real kernels so a
 * reader can compare: {@link #sumPractice} sums blocks of 32 values in shared memory, and
 * {@link #mmPractice} multiplies two small square matrices in one block, reading each input cell
 * from global memory once. The backend's real reduce and matmul handle any size.
 */
public final class CudaPractice {
    private CudaPractice() {}

    /**
     * Sums each run of 32 consecutive elements of the 1-D {@code a}: out[j] = a[32j] + ... + a[32j+31]
     * (a partial last block counts only its elements). The result has {@code ceil(size / 32)} cells
     * and lives on the GPU.
     */
    public static TensorData sumPractice(TensorData a) {
        if (a.dims() != 1) {
            throw new IllegalArgumentException("sumPractice: expects a 1-D tensor, got shape " + Arrays.toString(a.shape()));
        }
        CudaOps backend = CudaOps.instance();
        ElementType dtype = a.elementType();
        LaunchGeometry geometry = LaunchGeometry.sumPractice(a.size());
        TensorData out = TensorData.contiguous(backend.allocate(dtype, geometry.gridX()), geometry.gridX());
        try (CudaStorage input = contiguousOnDevice(backend, a)) {
            KernelModule module = backend.module(CudaCodegen.practiceModule(dtype), () -> CudaCodegen.practice(dtype));
            backend.runtime().launch(module, "sum_practice_" + CudaCodegen.suffix(dtype), geometry,
                    ((CudaStorage) out.storage()).pointer(), input.pointer(), a.size());
        }
        return out;
    }

    /** {@code a @ b} for square (size, size) matrices with size at most 32, in one block of 32x32 threads. */
    public static TensorData mmPractice(TensorData a, TensorData b) {
        int size = a.dims() == 2 ? a.shape(0) : -1;
        if (a.dims() != 2 || b.dims() != 2 || a.shape(1) != size || !Arrays.equals(a.shape(), b.shape())
                || size > CudaCodegen.PRACTICE_BLOCK) {
            throw new IllegalArgumentException("mmPractice: expects two square matrices of the same size at most "
                    + CudaCodegen.PRACTICE_BLOCK + ", got " + Arrays.toString(a.shape()) + " and " + Arrays.toString(b.shape()));
        }
        if (a.elementType() != b.elementType()) {
            throw new IllegalArgumentException("mmPractice: dtypes differ: " + a.elementType() + " and " + b.elementType());
        }
        CudaOps backend = CudaOps.instance();
        ElementType dtype = a.elementType();
        TensorData out = TensorData.contiguous(backend.allocate(dtype, size * size), size, size);
        try (CudaStorage da = contiguousOnDevice(backend, a); CudaStorage db = contiguousOnDevice(backend, b)) {
            KernelModule module = backend.module(CudaCodegen.practiceModule(dtype), () -> CudaCodegen.practice(dtype));
            backend.runtime().launch(module, "mm_practice_" + CudaCodegen.suffix(dtype), LaunchGeometry.mmPractice(),
                    ((CudaStorage) out.storage()).pointer(), da.pointer(), db.pointer(), size);
        }
        return out;
    }

    /** A contiguous device copy of {@code t}'s elements (the exercises index storage directly). */
    private static CudaStorage contiguousOnDevice(CudaOps backend, TensorData t) {
        CudaStorage copy = (CudaStorage) backend.allocate(t.elementType(), t.size());
        backend.map(UnaryOp.ID, t, TensorData.contiguous(copy, t.shape()));
        return copy;
    }
}
