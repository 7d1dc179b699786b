// Runs generated CUDA C on the CPU, for tests on machines without a GPU: every thread of a block is
// a std::thread, __syncthreads() a block-wide barrier, __shfl_down_sync an exchange between the 32
// threads of a warp, __shared__ memory a static (blocks run one after another). Slow, but it
// executes the very kernel text the GPU gets, so it checks the kernels' logic and index arithmetic.
#include <barrier>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

using std::exp;
using std::log;
using std::fabs;

struct dim3 { unsigned x = 1, y = 1, z = 1; };
thread_local dim3 threadIdx, blockIdx;
dim3 blockDim, gridDim;

#define __global__
#define __device__
#define __forceinline__ inline
#define __shared__ static
#define __launch_bounds__(n)

namespace emulation {
inline std::unique_ptr<std::barrier<>> block;
inline std::vector<std::unique_ptr<std::barrier<>>> warps;
inline unsigned long long exchange[1024];
inline unsigned linearThread() { return threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z); }
}  // namespace emulation

inline void __syncthreads() { emulation::block->arrive_and_wait(); }

template <class T> T __shfl_down_sync(unsigned, T value, int offset) {
    unsigned t = emulation::linearThread(), lane = t % 32;
    std::memcpy(&emulation::exchange[t], &value, sizeof(T));
    emulation::warps[t / 32]->arrive_and_wait();
    T result = value;
    if (lane + offset < 32) std::memcpy(&result, &emulation::exchange[t + offset], sizeof(T));
    emulation::warps[t / 32]->arrive_and_wait();
    return result;
}

// launch(grid, block, [&]{ kernel(args...); }): the blocks in turn, each with all its threads at once.
template <class F> void launch(dim3 grid, dim3 block, F kernel) {
    gridDim = grid;
    blockDim = block;
    unsigned threads = block.x * block.y * block.z;
    for (unsigned bz = 0; bz < grid.z; ++bz)
        for (unsigned by = 0; by < grid.y; ++by)
            for (unsigned bx = 0; bx < grid.x; ++bx) {
                emulation::block = std::make_unique<std::barrier<>>(threads);
                emulation::warps.clear();
                for (unsigned w = 0; w < (threads + 31) / 32; ++w)
                    emulation::warps.push_back(std::make_unique<std::barrier<>>(std::min(32u, threads - 32 * w)));
                std::vector<std::thread> pool;
                for (unsigned t = 0; t < threads; ++t)
                    pool.emplace_back([=] {
                        threadIdx = {t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
                        blockIdx = {bx, by, bz};
                        kernel();
                    });
                for (auto& th : pool) th.join();
            }
}
