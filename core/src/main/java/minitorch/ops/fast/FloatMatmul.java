package minitorch.ops.fast;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

// TEMPLATE: DoubleMatmul.java is generated from this file by KernelGenerator (core/src/test/java/minitorch/ops/fast).
/**
 * Matrix product of one element type, GotoBLAS style: the plain triple loop
 * ({@link #plain}) reorganised so the arithmetic runs out of registers and the data out of cache.
 *
 * <ol>
 *   <li>Split the depth k into blocks of {@link #KC}, the columns into blocks of {@link #NC}, the rows
 *       into blocks of {@link #MC}.</li>
 *   <li>Pack each KC×NC block of B into panels NR columns wide, k-major, so the kernel reads it
 *       front to back (one panel, KC×NR, stays near L1); pack each MC×KC block of A into panels MR
 *       rows tall, k-major, each step padded to {@link #AS} values (the block stays in L2). Packing is
 *       where strides are handled: a transposed or broadcast operand costs nothing extra later.</li>
 *   <li>The micro-kernel: an MR×NR tile of C lives in MR×NV vector registers; each step k loads NV
 *       vectors of B, broadcasts MR scalars of A and issues MR×NV fused multiply-adds. NV follows
 *       the register file (4 with 32 registers, 2 with AVX2's 16), see {@link #NV}.</li>
 * </ol>
 * Edge tiles (fewer rows or columns than the tile) run the same kernel into a scratch tile and
 * copy the valid part out. Each element type has its own class for the reason given in
 * {@link FloatElementwise}: the 32-bit class is the template, its twin is generated.
 */
final class FloatMatmul {
    private FloatMatmul() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * 32 vector registers on AVX-512 and AArch64, 16 on AVX2 (and SSE). The register tile must fit
     * in them, or C2 spills an accumulator to the stack and its FMA chain runs through memory
     * (store-to-load forwarding each step: measured 2.5× slower on AVX2).
     */
    static final boolean WIDE_REGISTER_FILE = S.vectorBitSize() >= 512 || System.getProperty("os.arch").equals("aarch64");
    /**
     * Register tile: MR rows (broadcasts of A per step) by NV vectors of B, MR×NV accumulators. On 16
     * registers it is the classic Haswell 6×2: 12 accumulators + 2 vectors of B + 2 broadcasts, which
     * fits only if C2 does not load all six broadcasts at the top of the step (it does, and spills an
     * accumulator, unless {@link #kernel6x2} stops it; docs/PERFORMANCE.md, Why matmul trails OpenBLAS here).
     * With 32 registers the 6×4 tile that was measured on AVX-512 (24 accumulators) stays.
     */
    static final int MR = 6;
    static final int NV = WIDE_REGISTER_FILE ? 4 : 2;
    static final int NR = NV * L;
    /**
     * Values per step of a packed A panel: the MR rows padded to 8 (the last two never read), so that C2
     * addresses step p as {@code p * 8}, one {@code lea}, where {@code p * 6} took three instructions. Where
     * the core's issue slots are shared (as on the 2-vCPU EPYC the sessions run on: docs/PERFORMANCE.md) the
     * instructions per step set the kernel's rate. AVX2, one thread, one JVM, the two alternating, medians
     * (docs/performance-log.md, Matmul on AVX2): float32's 6×2 tile in L1 67 against 54 GFLOP/s and its whole
     * 1024² product 52 against 45, float64's 1024² and 2048² products 23.5 against 21.1 and 26.3 against 23.5.
     */
    static final int AS = 8;
    /**
     * Depth of a packed block: a row of an A panel is 2 KiB (512 four-byte or 256 eight-byte elements; longer runs
     * of FMAs per load and store of C). Measured on AVX2 in one JVM, depths alternating (medians): four-byte
     * elements 512 against 256 at 1.12 (512²), 1.03 (1024²) and 1.03–1.15 (2048², three JVMs) on one thread, 1.06–1.09
     * on two; eight-byte elements 512 at 1.02 (1024²) but 0.84 and 0.92 (2048²). 256 on AVX-512, the best of 96–512
     * measured there.
     */
    static final int KC = WIDE_REGISTER_FILE ? 256 : 2048 / Float.BYTES;
    /** Rows of a packed A block (MC×KC stays in L2). */
    static final int MC = 192;
    /**
     * Columns of a packed B block (KC×NC, 4 MiB on AVX2: it streams from L3 past each A panel; fewer columns
     * mean more passes, each packing A again). Measured in one JVM, blocks alternating (AVX2, 2048², one thread):
     * 2048 at 1.08 and 1.06 of 1024 with four- and eight-byte elements, 1.04 on two threads, 1.06 with four-byte
     * elements at KC 512; at 1024², 256 and 512 at 0.80 and 0.92 of 1024.
     */
    static final int NC = 2048;

    /** The plain version: {@code c[i,j] = sum_p a[i,p] * b[p,j]} over the tile, straight from the strided operands. */
    static void plain(float[] a, int aBase, int asr, int asc, float[] b, int bBase, int bsr, int bsc,
                      float[] c, int cBase, int csr, int csc, int k, int r0, int r1, int c0, int c1) {
        for (int i = r0; i < r1; i++) {
            for (int j = c0; j < c1; j++) {
                float acc = 0;
                for (int p = 0; p < k; p++) {
                    acc += a[aBase + i * asr + p * asc] * b[bBase + p * bsr + j * bsc];
                }
                c[cBase + i * csr + j * csc] = acc;
            }
        }
    }

    /** Packing buffers, one set per thread, grown on demand and reused (no allocation per call). */
    private static final class Buffers {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];

        float[] a(int n) {
            if (n >= BLOCK_END) {
                throw new IllegalStateException("packed A panels of " + n + " values: kernel6x2 needs fewer than 2^30");
            }
            return a.length >= n ? a : (a = new float[n]);
        }

        float[] b(int n) { return b.length >= n ? b : (b = new float[n]); }
    }

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /**
     * The blocked version of {@link #plain}: computes rows [r0,r1) and columns [c0,c1) of one product
     * on up to {@code tasks} threads and returns how many ran. Several threads share the work as
     * BLIS does: each KC×NC block of B is packed once (its panels split over the threads), then the
     * threads take row blocks of A from a shared counter, each packing its own A block, so no data
     * is packed twice and a thread that the OS delays simply takes fewer blocks.
     */
    static int tile(float[] a, int aBase, int asr, int asc, float[] b, int bBase, int bsr, int bsc,
                    float[] c, int cBase, int csr, int csc, int k, int r0, int r1, int c0, int c1, int tasks) {
        if (k == 0) {
            for (int i = r0; i < r1; i++) {
                for (int j = c0; j < c1; j++) {
                    c[cBase + i * csr + j * csc] = 0;
                }
            }
            return 1;
        }
        int used = 1;
        // with several threads, row blocks small enough that each thread gets about three
        int rowsPerBlock = tasks <= 1 ? MC
                : Math.max(MR, Math.min(MC, ((r1 - r0 + 3 * tasks - 1) / (3 * tasks) + MR - 1) / MR * MR));
        int blocks = (r1 - r0 + rowsPerBlock - 1) / rowsPerBlock;
        Buffers buf = BUFFERS.get();
        // A narrow B (one or two panels, like MNIST's 784×10 layer): the product is bound by reading A
        // once, and deeper blocks read each row of A in longer runs (measured on AVX2, 50000×784 @ 784×10,
        // f32, one thread: 125 ms with depth KC, 52–65 ms with 4·KC)
        int depth = c1 - c0 <= 2 * NR ? 4 * KC : KC;
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            int panelsB = (nc + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += depth) {
                int kc = Math.min(depth, k - pc);
                float[] bp = buf.b(panelsB * NR * kc);
                int bPos = bBase + pc * bsr + jc * bsc;
                int col = jc, from = pc;
                Parallel.Body packing = (s, e) -> packB(b, bPos, bsr, bsc, kc, nc, bp, s, e);
                Parallel.Body rowBlocks = (s, e) -> {
                    for (int block = s; block < e; block++) {
                        int ic = r0 + block * rowsPerBlock;
                        rowBlock(a, aBase, asr, asc, c, cBase, csr, csc, ic, Math.min(rowsPerBlock, r1 - ic),
                                from, kc, col, nc, bp);
                    }
                };
                if (tasks > 1) {
                    Parallel.forRange(panelsB, tasks, 1, packing);
                    used = Math.max(used, Parallel.forRange(blocks, tasks, 1, rowBlocks));
                } else {
                    packing.run(0, panelsB);
                    rowBlocks.run(0, blocks);
                }
            }
        }
        return used;
    }

    /** At most this many rows of A take {@link #fewRows} (a mini-batch through a wide layer). */
    static final int FEW_ROWS = 16;
    /** Deepest product {@link #fewRows} packs in one go (its packed Aᵀ is depth × NR per panel). */
    static final int FEW_ROWS_MAX_DEPTH = 1 << 13;

    /**
     * Whether {@link #fewRows} takes this product: few rows of A, a wide enough B, a depth it packs at once,
     * on the 16-register tile (the only one it is written and measured for).
     */
    static boolean takesFewRows(int n, int m, int k) {
        return !WIDE_REGISTER_FILE && n <= FEW_ROWS && m >= 4 * STRIDED_ROWS && k <= FEW_ROWS_MAX_DEPTH;
    }

    /**
     * C = A·B for few rows of A, computed as Cᵀ = Bᵀ·Aᵀ: B (the big operand, e.g. a 500×500 weight) sits on
     * the kernel's broadcast side and is read where it lies, with its own strides (broadcasts are scalar
     * loads, any stride will do), and only Aᵀ (k × n, one or two panels) is packed. The blocked path would
     * pack all of B to use it for n rows (a quarter of a split/H=500 training step, by JFR). Columns
     * [c0, c1) of C; tiles of Cᵀ go through the scratch tile (C's columns are Cᵀ's rows); a last partial
     * group of {@link #STRIDED_ROWS} columns takes {@link #plain}.
     */
    static void fewRows(float[] a, int aBase, int asr, int asc, float[] b, int bBase, int bsr, int bsc,
                        float[] c, int cBase, int csr, int csc, int k, int n, int c0, int c1) {
        if (n > NR && n <= WIDE_ROWS) {
            fewRowsWide(a, aBase, asr, asc, b, bBase, bsr, bsc, c, cBase, csr, csc, k, n, c0, c1);
            return;
        }
        Buffers buf = BUFFERS.get();
        int panels = (n + NR - 1) / NR;
        float[] bp = buf.b(panels * NR * k);
        packB(a, aBase, asc, asr, k, n, bp, 0, panels); // Aᵀ: element (p, i) is a[i, p]
        int full = c0 + (c1 - c0) / STRIDED_ROWS * STRIDED_ROWS;
        float[] t = buf.tile;
        for (int j = c0; j < full; j += STRIDED_ROWS) {
            for (int jp = 0; jp < panels; jp++) {
                kernelStrided(k, b, bBase + j * bsc, bsc, bsr, STRIDED_ROWS, bp, jp * NR * k, NR, t, 0, NR);
                int cols = Math.min(NR, n - jp * NR);
                for (int r = 0; r < STRIDED_ROWS; r++) {
                    for (int i = 0; i < cols; i++) {
                        c[cBase + (jp * NR + i) * csr + (j + r) * csc] = t[r * NR + i];
                    }
                }
            }
        }
        if (full < c1) {
            plain(a, aBase, asr, asc, b, bBase, bsr, bsc, c, cBase, csr, csc, k, 0, n, full, c1);
        }
    }

    /**
     * Deepest product {@link #direct} takes: below it, packing and a zeroed C cost more than the arithmetic. In a
     * scratch harness (500×k @ k×500, one thread, AVX2) direct was ahead at depths 10–32 in float32 and 10–16 in
     * float64, the packed path from 64 in both (float64 at 32: 0.84–0.85 of its speed); a weight's gradient over a
     * mini-batch of 10, the case that matters, is far below either.
     */
    static final int DIRECT_MAX_DEPTH = 32;

    /**
     * Whether {@link #direct} takes this product: B's and C's rows contiguous (its vectors are read and stored
     * in place), at least a tile's worth of columns, and either shallow with at least one tile of rows, or few
     * rows that fill its row groups better than {@link #fewRows} fills its lanes: 10 rows are 10 of 12 rows of
     * two groups but 10 of 16 float32 lanes. Measured (x @ W with a 500×500 W, one thread, AVX2, best of 30 by
     * thread CPU time): float32 4, 8 and 10 rows 80–195 µs direct against 185–285 fewRows, 16 rows (two full
     * panels) 210–225 fewRows against 220–280; float64 8 rows (one full panel) 215–225 fewRows against 300–330,
     * 10 rows (fewRowsWide's 10 of 12 lanes, a tie by this count) 265–270 against 300–320.
     */
    static boolean takesDirect(int n, int m, int k, int bsc, int csc) {
        boolean shallow = k <= DIRECT_MAX_DEPTH && n >= STRIDED_ROWS;
        boolean fewRows = takesFewRows(n, m, k) && roundUp(n, STRIDED_ROWS) < fewRowsLanes(n);
        return (shallow || fewRows) && bsc == 1 && csc == 1 && m >= 2 * L;
    }

    /** The lanes {@link #fewRows} computes for n rows: whole panels of NR, or fewRowsWide's three vectors. */
    private static int fewRowsLanes(int n) {
        return n > NR && n <= WIDE_ROWS ? WIDE_ROWS : roundUp(n, NR);
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    /**
     * C = A·B with nothing packed and nothing zeroed, for shallow products such as a weight's gradient over a
     * mini-batch (xᵀ·grad, depth 10): the blocked path would pack both operands, zero C and then load and
     * store every tile of C again for ten multiply-adds per element. Here each 6-row, 2-vector tile is summed
     * in registers straight from A and B ({@link #kernelStrided}) and stored once. Rows [r0, r1), columns
     * [c0, c1). A last partial group of columns is the last 2 vectors' worth, overlapping the group before:
     * a column's sum does not depend on its lane, so the overlap is stored twice with the same values.
     * Also few rows at any depth (x·W for a mini-batch, {@link #takesDirect}): there the column strips go
     * outer, so each strip of B, read a cache line per row, comes from memory once and from L1 for the
     * other row group (x·W, 10 rows: 130–145 µs against 150–190 with the rows outer).
     */
    static void direct(float[] a, int aBase, int asr, int asc, float[] b, int bBase, int bsr,
                       float[] c, int cBase, int csr, int k, int r0, int r1, int c0, int c1) {
        int width = 2 * L;
        if (c1 - c0 < width) {
            plain(a, aBase, asr, asc, b, bBase, bsr, 1, c, cBase, csr, 1, k, r0, r1, c0, c1);
            return;
        }
        if (k <= DIRECT_MAX_DEPTH) {
            for (int i = r0; i < r1; i += STRIDED_ROWS) {
                for (int j = c0; j < c1; j += width) {
                    directTile(a, aBase, asr, asc, b, bBase, bsr, c, cBase, csr, k, i, r1, Math.min(j, c1 - width));
                }
            }
        } else {
            for (int j = c0; j < c1; j += width) {
                for (int i = r0; i < r1; i += STRIDED_ROWS) {
                    directTile(a, aBase, asr, asc, b, bBase, bsr, c, cBase, csr, k, i, r1, Math.min(j, c1 - width));
                }
            }
        }
    }

    private static void directTile(float[] a, int aBase, int asr, int asc, float[] b, int bBase, int bsr,
                                   float[] c, int cBase, int csr, int k, int i, int r1, int col) {
        kernelStrided(k, a, aBase + i * asr, asr, asc, Math.min(STRIDED_ROWS, r1 - i), b, bBase + col, bsr,
                c, cBase + i * csr + col, csr);
    }

    /** Rows and columns of {@link #kernelDot}'s tile: 10 accumulators, 2 vectors of B and one of A, 13 registers. */
    static final int DOT_ROWS = 5, DOT_COLS = 2;

    /**
     * Whether {@link #dotRows} takes this product: few rows of A, A's rows and B's columns both contiguous along
     * the depth (B transposed, as in the backward {@code grad @ Wᵀ}), on the 16-register file it is measured for.
     */
    static boolean takesDot(int n, int m, int k, int asc, int bsr) {
        return !WIDE_REGISTER_FILE && n <= FEW_ROWS && asc == 1 && bsr == 1 && k >= 2 * L && k < BLOCK_END
                && m >= DOT_COLS;
    }

    /**
     * C = A·B as dot products, for few rows of A whose rows, like B's columns, lie contiguous along the depth
     * (grad @ Wᵀ: W's rows): each 5-row, 2-column tile of C is ten vector sums over the depth, reduced across lanes
     * at the end ({@link #kernelDot}). Every lane does useful work (the few-rows path pads 10 rows to 16 lanes in
     * float32) and B is read once, front to back. Columns [c0, c1); a last odd column is computed with the one
     * before (the same values stored twice), a last partial group of rows repeats its last row.
     */
    static void dotRows(float[] a, int aBase, int asr, float[] b, int bBase, int bsc,
                        float[] c, int cBase, int csr, int csc, int k, int n, int c0, int c1) {
        if (c1 - c0 < DOT_COLS) {
            plain(a, aBase, asr, 1, b, bBase, 1, bsc, c, cBase, csr, csc, k, 0, n, c0, c1);
            return;
        }
        for (int j = c0; j < c1; j += DOT_COLS) {
            int col = Math.min(j, c1 - DOT_COLS);
            for (int i = 0; i < n; i += DOT_ROWS) { // the tile's two columns of B stay in L1 for every row group
                kernelDot(k, a, aBase + i * asr, asr, Math.min(DOT_ROWS, n - i), b, bBase + col * bsc, bsc,
                        c, cBase + i * csr + col * csc, csr, csc);
            }
        }
    }

    /**
     * The dot-product tile of {@link #dotRows}: row r of A at {@code a[aPos + r*aRow + p]}, column q of B at
     * {@code b[bPos + q*bCol + p]}; stores the 5×2 sums at {@code c[cPos + r*ldc + q*csc]}. Rows at and beyond
     * {@code rows} repeat row {@code rows - 1}. The exit after row 1 is {@link #kernel6x2}'s (never taken: the depth
     * is below 2³⁰), which keeps C2 from loading all five rows' vectors at the top of the step.
     */
    static void kernelDot(int k, float[] a, int aPos, int aRow, int rows, float[] b, int bPos, int bCol,
                          float[] c, int cPos, int ldc, int csc) {
        FloatVector s00 = FloatVector.zero(S), s01 = s00, s10 = s00, s11 = s00, s20 = s00, s21 = s00;
        FloatVector s30 = s00, s31 = s00, s40 = s00, s41 = s00;
        int last = rows - 1;
        int a0 = aPos, a1 = aPos + Math.min(1, last) * aRow, a2 = aPos + Math.min(2, last) * aRow;
        int a3 = aPos + Math.min(3, last) * aRow, a4 = aPos + Math.min(4, last) * aRow;
        int b0 = bPos, b1 = bPos + bCol;
        int p = 0;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            FloatVector y0 = FloatVector.fromArray(S, b, b0 + p);
            FloatVector y1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector x;
            x = FloatVector.fromArray(S, a, a0 + p);
            s00 = x.fma(y0, s00); s01 = x.fma(y1, s01);
            x = FloatVector.fromArray(S, a, a1 + p);
            s10 = x.fma(y0, s10); s11 = x.fma(y1, s11);
            if ((p & BLOCK_END) != 0) {
                break; // never: see above
            }
            x = FloatVector.fromArray(S, a, a2 + p);
            s20 = x.fma(y0, s20); s21 = x.fma(y1, s21);
            x = FloatVector.fromArray(S, a, a3 + p);
            s30 = x.fma(y0, s30); s31 = x.fma(y1, s31);
            x = FloatVector.fromArray(S, a, a4 + p);
            s40 = x.fma(y0, s40); s41 = x.fma(y1, s41);
        }
        float t00 = s00.reduceLanes(VectorOperators.ADD), t01 = s01.reduceLanes(VectorOperators.ADD);
        float t10 = s10.reduceLanes(VectorOperators.ADD), t11 = s11.reduceLanes(VectorOperators.ADD);
        float t20 = s20.reduceLanes(VectorOperators.ADD), t21 = s21.reduceLanes(VectorOperators.ADD);
        float t30 = s30.reduceLanes(VectorOperators.ADD), t31 = s31.reduceLanes(VectorOperators.ADD);
        float t40 = s40.reduceLanes(VectorOperators.ADD), t41 = s41.reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) { // the depth's last partial vector
            float y0 = b[b0 + p], y1 = b[b1 + p];
            t00 += a[a0 + p] * y0; t01 += a[a0 + p] * y1;
            t10 += a[a1 + p] * y0; t11 += a[a1 + p] * y1;
            t20 += a[a2 + p] * y0; t21 += a[a2 + p] * y1;
            t30 += a[a3 + p] * y0; t31 += a[a3 + p] * y1;
            t40 += a[a4 + p] * y0; t41 += a[a4 + p] * y1;
        }
        int r1 = cPos + Math.min(1, last) * ldc, r2 = cPos + Math.min(2, last) * ldc;
        int r3 = cPos + Math.min(3, last) * ldc, r4 = cPos + Math.min(4, last) * ldc;
        c[cPos] = t00; c[cPos + csc] = t01;
        c[r1] = t10; c[r1 + csc] = t11;
        c[r2] = t20; c[r2 + csc] = t21;
        c[r3] = t30; c[r3 + csc] = t31;
        c[r4] = t40; c[r4 + csc] = t41;
    }

    /** Rows of A that {@link #fewRowsWide} takes in one panel of three vectors (12 in float64; more than FEW_ROWS in float32). */
    static final int WIDE_ROWS = 3 * L;

    /**
     * {@link #fewRows} for more rows than one panel of NR lanes holds and at most three vectors' worth: in
     * float64 (NR = 8), a mini-batch of 9–12 rows, e.g. 10. Two NR panels would read B, the big operand, once
     * each, with a cache line per step; one panel of 3 vectors reads it once, three columns of Cᵀ at a time
     * ({@link #kernelStrided3x3}). Columns [c0, c1); a last partial group of three takes {@link #plain}.
     */
    static void fewRowsWide(float[] a, int aBase, int asr, int asc, float[] b, int bBase, int bsr, int bsc,
                            float[] c, int cBase, int csr, int csc, int k, int n, int c0, int c1) {
        Buffers buf = BUFFERS.get();
        float[] at = buf.b(WIDE_ROWS * k);
        for (int p = 0; p < k; p++) { // Aᵀ, k × WIDE_ROWS, missing rows zero
            for (int i = 0; i < WIDE_ROWS; i++) {
                at[p * WIDE_ROWS + i] = i < n ? a[aBase + i * asr + p * asc] : 0;
            }
        }
        int full = c0 + (c1 - c0) / 3 * 3;
        float[] t = buf.tile;
        for (int j = c0; j < full; j += 3) {
            kernelStrided3x3(k, b, bBase + j * bsc, bsc, bsr, at, t);
            for (int r = 0; r < 3; r++) {
                for (int i = 0; i < n; i++) {
                    c[cBase + i * csr + (j + r) * csc] = t[r * WIDE_ROWS + i];
                }
            }
        }
        if (full < c1) {
            plain(a, aBase, asr, asc, b, bBase, bsr, bsc, c, cBase, csr, csc, k, 0, n, full, c1);
        }
    }

    /**
     * A 3×3-vector tile ({@link #plainKernel} with 9 accumulators in locals; 9 + 3 + 3 registers, so C2 needs
     * no help to keep it out of the stack) with its A read in place as in {@link #kernelStrided}; the packed
     * side is three vectors wide. Writes the 3 × WIDE_ROWS tile to {@code t} (row length WIDE_ROWS).
     */
    static void kernelStrided3x3(int kc, float[] a, int aPos, int aRow, int aStep, float[] bp, float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00, c21 = c00, c22 = c00;
        int a0 = aPos, a1 = aPos + aRow, a2 = aPos + 2 * aRow;
        for (int p = 0; p < kc; p++) {
            int bo = p * 3 * L, ap = p * aStep;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22);
        }
        c00.intoArray(t, 0); c01.intoArray(t, L); c02.intoArray(t, 2 * L);
        c10.intoArray(t, WIDE_ROWS); c11.intoArray(t, WIDE_ROWS + L); c12.intoArray(t, WIDE_ROWS + 2 * L);
        c20.intoArray(t, 2 * WIDE_ROWS); c21.intoArray(t, 2 * WIDE_ROWS + L); c22.intoArray(t, 2 * WIDE_ROWS + 2 * L);
    }

    /** Rows of {@link #kernelStrided}'s tile. */
    static final int STRIDED_ROWS = 6;

    /**
     * {@link #kernel6x2} with both operands read where they lie: row r of step p of A at
     * {@code a[aPos + r*aRow + p*aStep]} (a broadcast: a scalar load, any stride will do), the 2 vectors of B
     * of step p at {@code b[bOff + p*bStep]} (a packed panel: bStep = NR; a row-major matrix: its row
     * stride). Stores (does not add) the tile at {@code c[cPos + r*ldc]}. Rows at and beyond {@code rows}
     * repeat row {@code rows - 1}: the same values stored to the same place, so a last partial group of
     * rows needs no scratch tile. The exit in mid-step is kernel6x2's, on the step count (below
     * {@link #FEW_ROWS_MAX_DEPTH}, so never taken), not on an index into {@code a}, which is the caller's
     * array and may be of any size.
     */
    static void kernelStrided(int kc, float[] a, int aPos, int aRow, int aStep, int rows, float[] b, int bOff, int bStep,
                              float[] c, int cPos, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int last = rows - 1;
        int a0 = aPos, a1 = aPos + Math.min(1, last) * aRow, a2 = aPos + Math.min(2, last) * aRow;
        int a3 = aPos + Math.min(3, last) * aRow, a4 = aPos + Math.min(4, last) * aRow, a5 = aPos + Math.min(5, last) * aRow;
        for (int p = 0; p < kc; p++) {
            int bo = bOff + p * bStep, ap = p * aStep;
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector x;
            x = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            if ((p & BLOCK_END) != 0) {
                break; // never: see above
            }
            x = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + ap]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + ap]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        int r1 = cPos + Math.min(1, last) * ldc, r2 = cPos + Math.min(2, last) * ldc, r3 = cPos + Math.min(3, last) * ldc;
        int r4 = cPos + Math.min(4, last) * ldc, r5 = cPos + Math.min(5, last) * ldc;
        c00.intoArray(c, cPos); c01.intoArray(c, cPos + L);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + L);
    }

    /** Rows [ic, ic+mc) times the packed B block: pack this A block, then every MR×NR tile. */
    private static void rowBlock(float[] a, int aBase, int asr, int asc, float[] c, int cBase, int csr, int csc,
                                 int ic, int mc, int pc, int kc, int jc, int nc, float[] bp) {
        Buffers buf = BUFFERS.get();
        boolean accumulate = pc > 0;
        int panelsA = (mc + MR - 1) / MR;
        int panelsB = (nc + NR - 1) / NR;
        float[] ap = buf.a(panelsA * AS * kc);
        packA(a, aBase + ic * asr + pc * asc, asr, asc, mc, kc, ap);
        if (!WIDE_REGISTER_FILE) {
            // AVX2 (measured on Zen 3): one A panel (AS×kc values, 16 KiB) stays in L1 while the B panels stream
            // past, and consecutive tiles of C lie side by side along the same MR rows, so the hardware
            // prefetcher streams C in; B-panel-outer order jumps MR rows of C per tile (a cache miss each,
            // which the kernel waits for: 42 against 63 GFLOP/s at 1024², one thread)
            for (int ip = 0; ip < panelsA; ip++) {
                for (int jp = 0; jp < panelsB; jp++) {
                    tileAt(ap, bp, c, cBase, csr, csc, ic, mc, kc, jc, nc, ip, jp, accumulate, buf);
                }
            }
        } else {
            // the order measured on AVX-512: one B panel (kc×NR) stays in L1 while the A panels stream past
            for (int jp = 0; jp < panelsB; jp++) {
                for (int ip = 0; ip < panelsA; ip++) {
                    tileAt(ap, bp, c, cBase, csr, csc, ic, mc, kc, jc, nc, ip, jp, accumulate, buf);
                }
            }
        }
    }

    /**
     * Tile (ip, jp) of the block: the kernel straight into C, or into a scratch tile at the edges. The kernel
     * always adds to C, so the first depth block zeroes its tile here: with a branch on "accumulate" inside
     * it, C2 compiled the kernel twice in every JVM (its first compile, made while the first depth block
     * runs, saw only one side and was thrown away at the second: an {@code unstable_if} deoptimization,
     * docs/performance-log.md).
     */
    private static void tileAt(float[] ap, float[] bp, float[] c, int cBase, int csr, int csc, int ic, int mc, int kc,
                               int jc, int nc, int ip, int jp, boolean accumulate, Buffers buf) {
        int cols = Math.min(NR, nc - jp * NR);
        int rows = Math.min(MR, mc - ip * MR);
        int cPos = cBase + (ic + ip * MR) * csr + (jc + jp * NR) * csc;
        if (rows == MR && cols == NR && csc == 1) {
            if (!accumulate) {
                for (int r = 0; r < MR; r++) {
                    Arrays.fill(c, cPos + r * csr, cPos + r * csr + NR, 0);
                }
            }
            kernel(kc, ap, ip * AS * kc, bp, jp * NR * kc, c, cPos, csr);
        } else {
            float[] t = buf.tile;
            Arrays.fill(t, 0);
            kernel(kc, ap, ip * AS * kc, bp, jp * NR * kc, t, 0, NR);
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    int at = cPos + r * csr + j * csc;
                    c[at] = accumulate ? c[at] + t[r * NR + j] : t[r * NR + j];
                }
            }
        }
    }

    /**
     * Panels [fromPanel, toPanel) of B[kc × nc] (strided): NR columns each, kc×NR row-major;
     * missing columns are zero.
     * The loop order follows B's layout: row-major B copies rows; a transposed B (unit row stride,
     * as in MatMul's backward {@code grad @ Bᵀ}) reads each column front to back.
     */
    private static void packB(float[] b, int pos, int bsr, int bsc, int kc, int nc, float[] bp,
                              int fromPanel, int toPanel) {
        int end = Math.min(nc, toPanel * NR);
        for (int jp = fromPanel * NR, panel = fromPanel * NR * kc; jp < end; jp += NR, panel += NR * kc) {
            int cols = Math.min(NR, nc - jp);
            if (bsc != 1 && bsr == 1 && cols == NR) {
                // a full panel: each row of it is NV gathers of L columns bsc apart (one instruction each)
                int[] columns = gatherIndex(bsc);
                for (int p = 0; p < kc; p++) {
                    int src = pos + p + jp * bsc, dst = panel + p * NR;
                    for (int q = 0; q < NV; q++) {
                        FloatVector.fromArray(S, b, src + q * L * bsc, columns, 0).intoArray(bp, dst + q * L);
                    }
                }
                continue;
            }
            if (bsc != 1 && bsr == 1) {
                // in strips of 16 depths: the strip of the panel being written (16×NR) stays in L1
                for (int p0 = 0; p0 < kc; p0 += 16) {
                    int p1 = Math.min(kc, p0 + 16);
                    for (int j = 0; j < cols; j++) {
                        int src = pos + (jp + j) * bsc;
                        for (int p = p0; p < p1; p++) {
                            bp[panel + p * NR + j] = b[src + p];
                        }
                    }
                }
                for (int p = 0; p < kc; p++) {
                    for (int j = cols; j < NR; j++) {
                        bp[panel + p * NR + j] = 0;
                    }
                }
                continue;
            }
            for (int p = 0; p < kc; p++) {
                int src = pos + p * bsr + jp * bsc;
                int dst = panel + p * NR;
                if (bsc == 1 && cols == NR) {
                    // a full row of the panel: NV vector copies (an arraycopy call per 64 bytes cost more)
                    for (int q = 0; q < NV; q++) {
                        FloatVector.fromArray(S, b, src + q * L).intoArray(bp, dst + q * L);
                    }
                    continue;
                }
                if (bsc == 1) {
                    System.arraycopy(b, src, bp, dst, cols);
                } else {
                    for (int j = 0; j < cols; j++) {
                        bp[dst + j] = b[src + j * bsc];
                    }
                }
                for (int j = cols; j < NR; j++) {
                    bp[dst + j] = 0;
                }
            }
        }
    }

    /** {0, stride, 2·stride, ...}: the lanes of a gather of L elements {@code stride} apart. */
    private static int[] gatherIndex(int stride) {
        int[] index = new int[L];
        for (int i = 0; i < L; i++) {
            index[i] = i * stride;
        }
        return index;
    }

    /**
     * A[mc × kc] (strided) into panels of MR rows, each kc×MR (k-major); missing rows are zero. A
     * transposed A (unit row stride, as in {@code Aᵀ @ grad}) is read MR neighbours at a time.
     */
    private static void packA(float[] a, int pos, int asr, int asc, int mc, int kc, float[] ap) {
        for (int ip = 0, panel = 0; ip < mc; ip += MR, panel += AS * kc) {
            int rows = Math.min(MR, mc - ip);
            if (asr == 1 && asc != 1) {
                for (int p = 0; p < kc; p++) {
                    int src = pos + ip + p * asc;
                    int dst = panel + p * AS;
                    for (int r = 0; r < rows; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = rows; r < MR; r++) {
                        ap[dst + r] = 0;
                    }
                }
                continue;
            }
            for (int r = 0; r < MR; r++) {
                if (r < rows) {
                    int src = pos + (ip + r) * asr;
                    for (int p = 0; p < kc; p++) {
                        ap[panel + p * AS + r] = a[src + p * asc];
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        ap[panel + p * AS + r] = 0;
                    }
                }
            }
        }
    }

    /**
     * The micro-kernel: C[MR × NR] += Apanel[MR × kc] · Bpanel[kc × NR], Apanel k-major (MR values
     * in each step's {@link #AS}), Bpanel k-major (NR values per step). Chooses the tile written for this register file.
     * It always adds to C (a first depth block gets a zeroed tile, {@link #tileAt}).
     */
    private static void kernel(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cPos, int ldc) {
        if (WIDE_REGISTER_FILE) {
            kernel6x4(kc, ap, aOff, bp, bOff, c, cPos, ldc);
        } else {
            kernel6x2(kc, ap, aOff, bp, bOff, c, cPos, ldc);
        }
    }

    /**
     * The plain version of the micro-kernel, on the same packed panels ({@link #AS} values of A and {@code nr}
     * of B per step): C[mr × nr] += A · B.
     */
    static void plainKernel(int kc, int mr, int nr, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cPos, int ldc) {
        for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
                float acc = c[cPos + i * ldc + j];
                for (int p = 0; p < kc; p++) {
                    acc += ap[aOff + p * AS + i] * bp[bOff + p * nr + j];
                }
                c[cPos + i * ldc + j] = acc;
            }
        }
    }

    /**
     * The 6×2-vector micro-kernel (16 registers, AVX2): {@link #plainKernel} with its 12 accumulators in
     * explicit locals, so C2 keeps each in a register (an array of vectors would live in memory). Per step:
     * 2 loads of B, 6 broadcasts of A, 12 FMAs, as in OpenBLAS's Haswell kernel, and as there the accumulators
     * start at zero and are added to C at the end (C's six row offsets, live through the loop, cost C2 two reloads
     * from the stack per step).
     *
     * <p>The exit in the middle of the step is never taken (a packed panel is far shorter than 2³⁰ values,
     * {@link Buffers}), but C2 cannot know that, so it ends a block whose results (rows 0 and 1) must be
     * computed before it. C2's scheduler places loads as early as their block allows: without the exit it
     * loads all six broadcasts at the top of the step, which with 12 accumulators and 2 vectors of B needs
     * 20 of the 16 registers and spills an accumulator to the stack (a load and a store on its FMA chain
     * every step); with it, the step fits in 16 (docs/PERFORMANCE.md: bench/tools/c2-loop.sh prints the loop).
     */
    static void kernel6x2(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cPos, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int bo = bOff + p * 2 * L;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            int ao = aOff + p * AS;
            FloatVector x;
            x = FloatVector.broadcast(S, ap[ao]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            if ((ao & BLOCK_END) != 0) {
                break; // never: see above. (A throw would not do: C2 may test it first, as nothing before it must be done.)
            }
            x = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        addTo(c, cPos, c00, c01);
        addTo(c, cPos + ldc, c10, c11);
        addTo(c, cPos + 2 * ldc, c20, c21);
        addTo(c, cPos + 3 * ldc, c30, c31);
        addTo(c, cPos + 4 * ldc, c40, c41);
        addTo(c, cPos + 5 * ldc, c50, c51);
    }

    /** c[at, at + 2L) += (v0, v1). */
    private static void addTo(float[] c, int at, FloatVector v0, FloatVector v1) {
        FloatVector.fromArray(S, c, at).add(v0).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(v1).intoArray(c, at + L);
    }

    /** An index bit no packed panel reaches; {@link #kernel6x2} tests it to end a block of C2's schedule. */
    private static final int BLOCK_END = 1 << 30;

    /**
     * The 6×4-vector micro-kernel (32 registers): {@link #plainKernel} with all 24 accumulators in
     * registers. Per step: 4 loads of B, MR = 6 broadcasts of A, 24 FMAs. Written out by hand with
     * no helper calls: a vector passed to a method the JIT does not inline gets boxed.
     */
    static void kernel6x4(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cPos, int ldc) {
        int r0 = cPos + 0 * ldc, r1 = cPos + 1 * ldc, r2 = cPos + 2 * ldc, r3 = cPos + 3 * ldc, r4 = cPos + 4 * ldc, r5 = cPos + 5 * ldc;
        FloatVector c00 = FloatVector.fromArray(S, c, r0), c01 = FloatVector.fromArray(S, c, r0 + L), c02 = FloatVector.fromArray(S, c, r0 + 2 * L), c03 = FloatVector.fromArray(S, c, r0 + 3 * L);
        FloatVector c10 = FloatVector.fromArray(S, c, r1), c11 = FloatVector.fromArray(S, c, r1 + L), c12 = FloatVector.fromArray(S, c, r1 + 2 * L), c13 = FloatVector.fromArray(S, c, r1 + 3 * L);
        FloatVector c20 = FloatVector.fromArray(S, c, r2), c21 = FloatVector.fromArray(S, c, r2 + L), c22 = FloatVector.fromArray(S, c, r2 + 2 * L), c23 = FloatVector.fromArray(S, c, r2 + 3 * L);
        FloatVector c30 = FloatVector.fromArray(S, c, r3), c31 = FloatVector.fromArray(S, c, r3 + L), c32 = FloatVector.fromArray(S, c, r3 + 2 * L), c33 = FloatVector.fromArray(S, c, r3 + 3 * L);
        FloatVector c40 = FloatVector.fromArray(S, c, r4), c41 = FloatVector.fromArray(S, c, r4 + L), c42 = FloatVector.fromArray(S, c, r4 + 2 * L), c43 = FloatVector.fromArray(S, c, r4 + 3 * L);
        FloatVector c50 = FloatVector.fromArray(S, c, r5), c51 = FloatVector.fromArray(S, c, r5 + L), c52 = FloatVector.fromArray(S, c, r5 + 2 * L), c53 = FloatVector.fromArray(S, c, r5 + 3 * L);
        for (int p = 0; p < kc; p++) {
            int bo = bOff + p * 4 * L;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, bp, bo + 3 * L);
            int ao = aOff + p * AS;
            FloatVector x;
            x = FloatVector.broadcast(S, ap[ao]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
            x = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41); c42 = x.fma(b2, c42); c43 = x.fma(b3, c43);
            x = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51); c52 = x.fma(b2, c52); c53 = x.fma(b3, c53);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + L); c02.intoArray(c, r0 + 2 * L); c03.intoArray(c, r0 + 3 * L);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + L); c12.intoArray(c, r1 + 2 * L); c13.intoArray(c, r1 + 3 * L);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + L); c22.intoArray(c, r2 + 2 * L); c23.intoArray(c, r2 + 3 * L);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + L); c32.intoArray(c, r3 + 2 * L); c33.intoArray(c, r3 + 3 * L);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + L); c42.intoArray(c, r4 + 2 * L); c43.intoArray(c, r4 + 3 * L);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + L); c52.intoArray(c, r5 + 2 * L); c53.intoArray(c, r5 + 3 * L);
    }
}
