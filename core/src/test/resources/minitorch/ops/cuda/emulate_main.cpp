// Checks generated kernels, run by emulate_cuda.h on the CPU, against plain loops: runKernelChecks() prints
// one line per check ("ok ..." or "FAIL ...") and returns the number of failures. The test adds main().
#include <cstdlib>
#include <random>

static std::mt19937 rng(7);
static double uniform() { return std::uniform_real_distribution<double>(-2, 2)(rng); }
static int failures = 0;

template <class T> static void check(const char* what, const std::vector<T>& got, const std::vector<double>& want, double tol) {
    for (size_t i = 0; i < want.size(); ++i) {
        double scale = std::max(1.0, std::fabs(want[i]));
        if (!((double)got[i] == want[i] || std::fabs((double)got[i] - want[i]) <= tol * scale)) {
            std::printf("FAIL %s: element %zu expected %.9g got %.9g\n", what, i, want[i], (double)got[i]);
            ++failures;
            return;
        }
    }
    std::printf("ok %s\n", what);
}

template <class T> static std::vector<T> randoms(size_t n) {
    std::vector<T> v(n);
    for (auto& x : v) x = (T)uniform();
    return v;
}

static int runKernelChecks() {
    {   // map, 2 dims: out (4,3) contiguous <- exp of a (3,4) storage read transposed; grid-stride with 1 block of 8
        auto a = randoms<double>(12);
        std::vector<double> out(12), want(12);
        for (int i = 0; i < 4; ++i) for (int j = 0; j < 3; ++j) want[i * 3 + j] = std::exp(a[j * 4 + i]);
        launch({1}, {8}, [&] { map_exp_f64::map_exp_f64_nd2(out.data(), a.data(), 12, {4, 3}, {3, 1}, {1, 4}); });
        check("map_exp_f64_nd2 transposed input", out, want, 1e-15);
    }
    {   // map, flat and relu
        auto a = randoms<float>(100);
        std::vector<float> out(100);
        std::vector<double> want(100);
        for (int i = 0; i < 100; ++i) want[i] = a[i] > 0 ? a[i] : 0;
        launch({3}, {32}, [&] { map_relu_f32::map_relu_f32_flat(out.data(), a.data(), 100); });
        check("map_relu_f32_flat", out, want, 0);
    }
    {   // map, 1 dim with stride 3 (every third element), and 4 dims reading a (2,3,4,5) storage permuted to (5,4,3,2)
        auto a = randoms<float>(30);
        std::vector<float> out(10);
        std::vector<double> want(10);
        for (int i = 0; i < 10; ++i) want[i] = a[3 * i];
        launch({1}, {32}, [&] { map_id_f32::map_id_f32_nd1(out.data(), a.data(), 10, {10}, {1}, {3}); });
        check("map_id_f32_nd1 strided input", out, want, 0);
        auto b = randoms<double>(120);
        std::vector<double> out4(120), want4(120);
        for (int i = 0; i < 5; ++i) for (int j = 0; j < 4; ++j) for (int k = 0; k < 3; ++k) for (int l = 0; l < 2; ++l)
            want4[((i * 4 + j) * 3 + k) * 2 + l] = -b[((l * 3 + k) * 4 + j) * 5 + i];
        launch({2}, {32}, [&] { map_neg_f64::map_neg_f64_nd4(out4.data(), b.data(), 120, {5, 4, 3, 2}, {24, 6, 2, 1}, {1, 5, 20, 60}); });
        check("map_neg_f64_nd4 permuted input", out4, want4, 0);
    }
    {   // zip, 3 dims with broadcasting: out (2,3,4) = a (2,3,4) + b (4) ; and 5 dims through ndany
        auto a = randoms<float>(24), b = randoms<float>(4);
        std::vector<float> out(24);
        std::vector<double> want(24);
        for (int i = 0; i < 24; ++i) want[i] = (double)(a[i] + b[i % 4]);
        launch({2}, {32}, [&] { zip_add_f32::zip_add_f32_nd3(out.data(), a.data(), b.data(), 24, {2, 3, 4}, {12, 4, 1}, {12, 4, 1}, {0, 0, 1}); });
        check("zip_add_f32_nd3 broadcast", out, want, 1e-7);
        Dims<32> shape{}, so{}, sa{}, sb{};
        int sh[5] = {2, 2, 3, 2, 2};   // (2,2,3,2,2): 48 elements; b broadcast along dims 1 and 3
        int stride = 1;
        for (int d = 4; d >= 0; --d) { shape.v[d] = sh[d]; so.v[d] = stride; sa.v[d] = stride; stride *= sh[d]; }
        int bStrides[5] = {6, 0, 2, 0, 1};    // b stored (2,1,3,1,2) contiguous
        for (int d = 0; d < 5; ++d) sb.v[d] = bStrides[d];
        auto a5 = randoms<float>(48), b5 = randoms<float>(12);
        std::vector<float> out5(48);
        std::vector<double> want5(48);
        for (int i0 = 0; i0 < 2; ++i0) for (int i1 = 0; i1 < 2; ++i1) for (int i2 = 0; i2 < 3; ++i2)
            for (int i3 = 0; i3 < 2; ++i3) for (int i4 = 0; i4 < 2; ++i4) {
                int o = (((i0 * 2 + i1) * 3 + i2) * 2 + i3) * 2 + i4;
                want5[o] = (double)(a5[o] * b5[i0 * 6 + i2 * 2 + i4]);
            }
        launch({1}, {32}, [&] { zip_mul_f32::zip_mul_f32_ndany(out5.data(), a5.data(), b5.data(), 48, 5, shape, so, sa, sb); });
        check("zip_mul_f32_ndany 5 dims broadcast", out5, want5, 1e-7);
    }
    {   // reduce sum along dim 1 of (7, 1000): a block per row, and a thread per row
        auto a = randoms<double>(7000);
        std::vector<double> want(7, 0.0), byBlock(7), byThread(7);
        for (int r = 0; r < 7; ++r) for (int j = 0; j < 1000; ++j) want[r] += a[r * 1000 + j];
        launch({7}, {256}, [&] { reduce_sum_f64::reduce_sum_f64_block_nd1(byBlock.data(), a.data(), 7, {7}, {1}, {1000}, 1000, 1, 0.0); });
        check("reduce_sum_f64_block_nd1 rows of 1000", byBlock, want, 1e-12);
        launch({1}, {32}, [&] { reduce_sum_f64::reduce_sum_f64_thread_nd1(byThread.data(), a.data(), 7, {7}, {1}, {1000}, 1000, 1, 0.0); });
        check("reduce_sum_f64_thread_nd1 rows of 1000", byThread, want, 1e-12);
        // along dim 0 (strided rows), outputs over 2 coalesced-away dims: sum over 1000 rows of each of 7 columns
        std::vector<double> cols(7), wantCols(7, 0.0);
        for (int j = 0; j < 1000; ++j) for (int c = 0; c < 7; ++c) wantCols[c] += a[j * 7 + c];
        launch({2}, {64}, [&] { reduce_sum_f64::reduce_sum_f64_block_nd1(cols.data(), a.data(), 7, {7}, {1}, {1}, 1000, 7, 0.0); });
        check("reduce_sum_f64_block_nd1 strided rows", cols, wantCols, 1e-12);
    }
    {   // max over rows of 40 with a block of 64 threads (idle threads keep the start value), and empty rows
        auto a = randoms<float>(3 * 40);
        std::vector<float> out(3);
        std::vector<double> want(3, -INFINITY);
        for (int r = 0; r < 3; ++r) for (int j = 0; j < 40; ++j) want[r] = std::max(want[r], (double)a[r * 40 + j]);
        launch({3}, {64}, [&] { reduce_max_f32::reduce_max_f32_block_nd1(out.data(), a.data(), 3, {3}, {1}, {40}, 40, 1, -INFINITY); });
        check("reduce_max_f32_block_nd1 rows of 40", out, want, 0);
        std::vector<float> empty(3, 5.0f);
        launch({1}, {32}, [&] { reduce_max_f32::reduce_max_f32_thread_nd1(empty.data(), a.data(), 3, {3}, {1}, {0}, 0, 1, -INFINITY); });
        check("reduce_max_f32_thread_nd1 empty rows give start", empty, std::vector<double>(3, -INFINITY), 0);
    }
    {   // matmul: batch 2 of (70 x 33) @ (33 x 65); a's batch broadcast (stride 0), b stored transposed
        int n = 70, k = 33, m = 65, batch = 2;
        auto a = randoms<double>(n * k), bt = randoms<double>(batch * m * k);   // bt[z][c][r] = b[z][r][c]
        std::vector<double> out(batch * n * m), want(batch * n * m, 0.0);
        for (int z = 0; z < batch; ++z) for (int i = 0; i < n; ++i) for (int j = 0; j < m; ++j)
            for (int r = 0; r < k; ++r) want[(z * n + i) * m + j] += a[i * k + r] * bt[(z * m + j) * k + r];
        Batch layout{};
        layout.nd = 1; layout.shape[0] = batch; layout.a[0] = 0; layout.b[0] = m * k; layout.out[0] = n * m;
        launch({2, 2, 2}, {256}, [&] {
            matmul_f64::matmul_f64(out.data(), a.data(), bt.data(), n, m, k, k, 1, 1, k, m, 1, batch, layout);
        });
        check("matmul_f64 batch-broadcast, transposed b, 70x33x65", out, want, 1e-12);
        // float32, batch on z in steps: 3 batches with gridDim.z = 2
        auto af = randoms<float>(3 * 5 * 7), bf = randoms<float>(3 * 7 * 4);
        std::vector<float> of(3 * 5 * 4);
        std::vector<double> wf(3 * 5 * 4, 0.0);
        for (int z = 0; z < 3; ++z) for (int i = 0; i < 5; ++i) for (int j = 0; j < 4; ++j)
            for (int r = 0; r < 7; ++r) wf[(z * 5 + i) * 4 + j] += (double)af[(z * 5 + i) * 7 + r] * bf[(z * 7 + r) * 4 + j];
        Batch lf{};
        lf.nd = 1; lf.shape[0] = 3; lf.a[0] = 35; lf.b[0] = 28; lf.out[0] = 20;
        launch({1, 1, 2}, {256}, [&] { matmul_f32::matmul_f32(of.data(), af.data(), bf.data(), 5, 4, 7, 7, 1, 4, 1, 4, 1, 3, lf); });
        check("matmul_f32 3 batches over gridDim.z = 2", of, wf, 1e-5);
    }
    {   // the teaching kernels
        auto a = randoms<double>(48);
        std::vector<double> out(2), want(2, 0.0);
        for (int i = 0; i < 48; ++i) want[i / 32] += a[i];
        launch({2}, {32}, [&] { practice_f64::sum_practice_f64(out.data(), a.data(), 48); });
        check("sum_practice_f64 48 elements", out, want, 1e-12);
        int size = 5;
        auto x = randoms<float>(25), y = randoms<float>(25);
        std::vector<float> z(25);
        std::vector<double> wz(25, 0.0);
        for (int i = 0; i < size; ++i) for (int j = 0; j < size; ++j) for (int r = 0; r < size; ++r)
            wz[i * size + j] += (double)x[i * size + r] * y[r * size + j];
        launch({1}, {32, 32}, [&] { practice_f32::mm_practice_f32(z.data(), x.data(), y.data(), size); });
        check("mm_practice_f32 5x5", z, wz, 1e-5);
    }
    return failures;
}
