/*
 * A stand-in for libcuda.so.1 for tests on machines without a GPU. It is compiled against the REAL
 * cuda.h of the installed toolkit, so every function below has the header's prototype and is exported
 * under the name the header maps it to (cuMemAlloc -> cuMemAlloc_v2, ...): the Java FFM bindings are
 * checked against both. "Device" memory is host memory; modules and launches are recorded, not run,
 * except the kernel "probe", which writes what it received so the test can check argument passing.
 */
#include <cuda.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FAKE_CONTEXT ((CUcontext)(uintptr_t)0x1234)
#define FAKE_MODULE ((CUmodule)(uintptr_t)0x5678)
#define PROBE ((CUfunction)(uintptr_t)0x9abc)
#define OTHER ((CUfunction)(uintptr_t)0x9abd)

static int initialised;
static CUcontext current;
static size_t allocated;

int fake_launches;   /* read by the test through a symbol lookup */

CUresult CUDAAPI cuInit(unsigned int flags) { if (flags != 0) return CUDA_ERROR_INVALID_VALUE; initialised = 1; return CUDA_SUCCESS; }
CUresult CUDAAPI cuDriverGetVersion(int *version) { *version = 13000; return CUDA_SUCCESS; }
CUresult CUDAAPI cuDeviceGetCount(int *count) { if (!initialised) return CUDA_ERROR_NOT_INITIALIZED; *count = 1; return CUDA_SUCCESS; }
CUresult CUDAAPI cuDeviceGet(CUdevice *device, int ordinal) { if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE; *device = 0; return CUDA_SUCCESS; }
CUresult CUDAAPI cuDeviceGetName(char *name, int len, CUdevice dev) { strncpy(name, "Fake GPU", (size_t)len); return CUDA_SUCCESS; }
CUresult CUDAAPI cuDeviceGetAttribute(int *value, CUdevice_attribute attribute, CUdevice dev) {
    switch (attribute) {
        case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR: *value = 9; return CUDA_SUCCESS;
        case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR: *value = 0; return CUDA_SUCCESS;
        case CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT: *value = 132; return CUDA_SUCCESS;
        default: return CUDA_ERROR_INVALID_VALUE;
    }
}
CUresult CUDAAPI cuDevicePrimaryCtxRetain(CUcontext *context, CUdevice dev) { *context = FAKE_CONTEXT; return CUDA_SUCCESS; }
CUresult CUDAAPI cuCtxSetCurrent(CUcontext context) { if (context != FAKE_CONTEXT) return CUDA_ERROR_INVALID_CONTEXT; current = context; return CUDA_SUCCESS; }
CUresult CUDAAPI cuCtxSynchronize(void) { return current == FAKE_CONTEXT ? CUDA_SUCCESS : CUDA_ERROR_INVALID_CONTEXT; }

/* Accepts images that start with "FAKE" or an ELF header (a real cubin); otherwise fills the JIT error log. */
CUresult CUDAAPI cuModuleLoadDataEx(CUmodule *module, const void *image, unsigned int numOptions, CUjit_option *options, void **values) {
    const char *bytes = (const char *)image;
    if (strncmp(bytes, "FAKE", 4) == 0 || strncmp(bytes, "\177ELF", 4) == 0) { *module = FAKE_MODULE; return CUDA_SUCCESS; }
    if (numOptions == 2 && options[0] == CU_JIT_ERROR_LOG_BUFFER && options[1] == CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES) {
        size_t size = (size_t)(uintptr_t)values[1];
        strncpy((char *)values[0], "fake JIT: bad image", size);
    }
    return CUDA_ERROR_INVALID_IMAGE;
}
CUresult CUDAAPI cuModuleGetFunction(CUfunction *function, CUmodule module, const char *name) {
    if (module != FAKE_MODULE) return CUDA_ERROR_INVALID_HANDLE;
    if (strcmp(name, "missing") == 0) return CUDA_ERROR_NOT_FOUND;
    *function = strcmp(name, "probe") == 0 ? PROBE : OTHER;
    return CUDA_SUCCESS;
}

CUresult CUDAAPI cuMemAlloc(CUdeviceptr *pointer, size_t bytes) {
    if (bytes > ((size_t)1 << 30)) return CUDA_ERROR_OUT_OF_MEMORY;
    void *p = malloc(bytes);
    if (!p) return CUDA_ERROR_OUT_OF_MEMORY;
    allocated += bytes;
    *pointer = (CUdeviceptr)(uintptr_t)p;
    return CUDA_SUCCESS;
}
CUresult CUDAAPI cuMemFree(CUdeviceptr pointer) { free((void *)(uintptr_t)pointer); return CUDA_SUCCESS; }
CUresult CUDAAPI cuMemGetInfo(size_t *free_bytes, size_t *total) { *total = (size_t)1 << 30; *free_bytes = *total - allocated; return CUDA_SUCCESS; }
CUresult CUDAAPI cuMemcpyHtoD(CUdeviceptr dst, const void *src, size_t bytes) { memcpy((void *)(uintptr_t)dst, src, bytes); return CUDA_SUCCESS; }
CUresult CUDAAPI cuMemcpyDtoH(void *dst, CUdeviceptr src, size_t bytes) { memcpy(dst, (const void *)(uintptr_t)src, bytes); return CUDA_SUCCESS; }
CUresult CUDAAPI cuMemcpyDtoD(CUdeviceptr dst, CUdeviceptr src, size_t bytes) { memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, bytes); return CUDA_SUCCESS; }
CUresult CUDAAPI cuMemsetD8(CUdeviceptr dst, unsigned char value, size_t count) { memset((void *)(uintptr_t)dst, value, count); return CUDA_SUCCESS; }

/*
 * probe(double* out, int n, double x, float y, Dims<3> s): writes gridDim.x, blockDim.x, blockDim.y, n, x, y,
 * s.v[0..2] into out[0..8] — i.e. each kernelParams entry is dereferenced exactly as the real driver does.
 */
CUresult CUDAAPI cuLaunchKernel(CUfunction f, unsigned int gridDimX, unsigned int gridDimY, unsigned int gridDimZ,
                                unsigned int blockDimX, unsigned int blockDimY, unsigned int blockDimZ,
                                unsigned int sharedMemBytes, CUstream stream, void **kernelParams, void **extra) {
    if (current != FAKE_CONTEXT) return CUDA_ERROR_INVALID_CONTEXT;
    if (extra != NULL) return CUDA_ERROR_INVALID_VALUE;
    fake_launches++;
    if (f == PROBE) {
        double *out = (double *)(uintptr_t)*(CUdeviceptr *)kernelParams[0];
        const int *dims = (const int *)kernelParams[4];
        out[0] = gridDimX; out[1] = blockDimX; out[2] = blockDimY;
        out[3] = *(int *)kernelParams[1];
        out[4] = *(double *)kernelParams[2];
        out[5] = *(float *)kernelParams[3];
        out[6] = dims[0]; out[7] = dims[1]; out[8] = dims[2];
    }
    return CUDA_SUCCESS;
}

CUresult CUDAAPI cuGetErrorName(CUresult error, const char **name) {
    switch (error) {
        case CUDA_ERROR_OUT_OF_MEMORY: *name = "CUDA_ERROR_OUT_OF_MEMORY"; return CUDA_SUCCESS;
        case CUDA_ERROR_INVALID_IMAGE: *name = "CUDA_ERROR_INVALID_IMAGE"; return CUDA_SUCCESS;
        case CUDA_ERROR_NOT_FOUND: *name = "CUDA_ERROR_NOT_FOUND"; return CUDA_SUCCESS;
        case CUDA_ERROR_NO_DEVICE: *name = "CUDA_ERROR_NO_DEVICE"; return CUDA_SUCCESS;
        default: *name = NULL; return CUDA_ERROR_INVALID_VALUE;
    }
}
CUresult CUDAAPI cuGetErrorString(CUresult error, const char **text) {
    switch (error) {
        case CUDA_ERROR_OUT_OF_MEMORY: *text = "out of memory"; return CUDA_SUCCESS;
        case CUDA_ERROR_INVALID_IMAGE: *text = "device kernel image is invalid"; return CUDA_SUCCESS;
        case CUDA_ERROR_NOT_FOUND: *text = "named symbol not found"; return CUDA_SUCCESS;
        default: *text = NULL; return CUDA_ERROR_INVALID_VALUE;
    }
}
