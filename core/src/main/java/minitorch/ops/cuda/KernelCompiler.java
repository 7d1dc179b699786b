package minitorch.ops.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns CUDA C into a cubin for one GPU architecture ({@code sm_90} for compute capability 9.0).
 * NVRTC (the runtime compiler library) is preferred; an {@code nvcc} subprocess is the fallback.
 */
public interface KernelCompiler {

    /** What this compiler is, with its version; part of the on-disk cache key. */
    String version();

    /** A cubin image of {@code source}; a source error throws {@link KernelCompileException} with the log. */
    byte[] compile(String source, String moduleName, String arch);

    /** {@code sm_XY} for compute capability X.Y. */
    static String arch(int major, int minor) {
        return "sm_" + major + minor;
    }

    /**
     * The compiler to use: $MINITORCH_CUDA_COMPILER ({@code nvrtc} or {@code nvcc}) forces one;
     * otherwise NVRTC when its library is found, else nvcc when it is found.
     */
    static KernelCompiler find() {
        String forced = NativeLibraries.env("MINITORCH_CUDA_COMPILER");
        List<String> tried = new ArrayList<>();
        if (forced == null || forced.equalsIgnoreCase("nvrtc")) {
            var nvrtc = NvrtcCompiler.find(tried);
            if (nvrtc.isPresent()) {
                return nvrtc.get();
            }
        }
        if (forced == null || forced.equalsIgnoreCase("nvcc")) {
            var nvcc = NvccCompiler.find(tried);
            if (nvcc.isPresent()) {
                return nvcc.get();
            }
        }
        throw new CudaUnavailableException("cuda: no CUDA C compiler: neither NVRTC (libnvrtc.so.13/.12) nor nvcc was"
                + " found (tried " + String.join(", ", tried) + "). Install the CUDA toolkit (or the nvidia-cuda-nvrtc"
                + " wheel), or set MINITORCH_NVRTC=/path/to/libnvrtc.so.13 or MINITORCH_NVCC=/path/to/nvcc.");
    }
}
