package minitorch.backend.cuda;

import minitorch.backend.*;

import minitorch.tensor.DType;
import minitorch.tensor.Storage;
import minitorch.tensor.TensorData;

/** PLACEHOLDER: the readable reference backend (being written; see issue 5). */
public final class CudaBackend implements TensorBackend {
    private static final CudaBackend INSTANCE = new CudaBackend();
    public static CudaBackend instance() { return INSTANCE; }
    private CudaBackend() {}
    @Override public String name() { return "cuda"; }
    @Override public Storage allocate(DType dtype, int size) { return dtype.allocateHost(size); }
    @Override public Storage adopt(Storage source) { throw new UnsupportedOperationException("not yet"); }
    @Override public void map(UnaryOp op, TensorData in, TensorData out) { throw new UnsupportedOperationException("not yet"); }
    @Override public void zip(BinaryOp op, TensorData a, TensorData b, TensorData out) { throw new UnsupportedOperationException("not yet"); }
    @Override public void reduce(ReduceOp op, TensorData in, int dim, TensorData out) { throw new UnsupportedOperationException("not yet"); }
    @Override public void matmul(TensorData a, TensorData b, TensorData out) { throw new UnsupportedOperationException("not yet"); }
}
