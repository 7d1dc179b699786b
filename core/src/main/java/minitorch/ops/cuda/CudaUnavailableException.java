package minitorch.ops.cuda;

/**
 * The CUDA backend cannot run on this machine: no NVIDIA driver library, no GPU, or no CUDA C
 * compiler. The message says what is missing and what to do about it.
 */
public final class CudaUnavailableException extends CudaException {
    public CudaUnavailableException(String message) {
        super(message);
    }

    public CudaUnavailableException(String message, int code) {
        super(message, code);
    }
}
