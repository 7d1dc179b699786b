package minitorch.ops.cuda;

/** The GPU has no room for an allocation even after the allocator released its cached blocks. */
public final class DeviceOutOfMemoryException extends CudaException {
    public DeviceOutOfMemoryException(String message) {
        super(message, 2 /* CUDA_ERROR_OUT_OF_MEMORY */);
    }
}
