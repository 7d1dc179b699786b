package minitorch.ops.cuda;

/**
 * Grid and block sizes of one launch, computed on the host from the problem size only (pure, so it
 * is unit-tested without a GPU). Grid-stride kernels cap their grid at {@link #MAX_GRID} blocks:
 * enough to fill any current GPU, and the kernels loop over whatever remains.
 */
public record LaunchGeometry(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ) {

    /** Cap on gridDim.x of grid-stride kernels (and the hardware limit of gridDim.y and z). */
    public static final int MAX_GRID = 65535;
    /** Rows shorter than this are always folded by one thread each. */
    public static final int SHORT_ROW = 32;
    /** With at least this many outputs, a block per output would leave no parallelism unused anyway. */
    public static final int MANY_OUTPUTS = 1 << 16;

    public LaunchGeometry {
        if (gridX < 1 || gridY < 1 || gridZ < 1 || blockX < 1 || blockY < 1 || blockZ < 1
                || (long) blockX * blockY * blockZ > 1024 || gridY > MAX_GRID || gridZ > MAX_GRID) {
            throw new IllegalArgumentException("invalid launch geometry grid (" + gridX + ", " + gridY + ", "
                    + gridZ + ") block (" + blockX + ", " + blockY + ", " + blockZ + ")");
        }
    }

    /** Total threads per block. */
    public int threads() { return blockX * blockY * blockZ; }

    /** One thread per element, {@link CudaCodegen#BLOCK} per block, grid-stride beyond the cap. */
    public static LaunchGeometry elementwise(int size) {
        return new LaunchGeometry(blocks(size, CudaCodegen.BLOCK), 1, 1, CudaCodegen.BLOCK, 1, 1);
    }

    /**
     * A reduction of {@code outputs} rows of {@code len} elements each, {@code stride} apart. Short
     * rows, or so many outputs that threads alone fill the GPU while a strided dimension keeps their
     * reads coalesced, take a thread per output; otherwise a block per output strides along the row
     * (coalesced when the row is contiguous) and the block combines its partial results.
     */
    public static LaunchGeometry reduce(int outputs, int len, int stride) {
        if (blockPerOutput(outputs, len, stride)) {
            int block = Math.min(CudaCodegen.BLOCK, roundUp(len, 32));
            return new LaunchGeometry(Math.min(Math.max(outputs, 1), MAX_GRID), 1, 1, block, 1, 1);
        }
        return elementwise(outputs);
    }

    /** Whether {@link #reduce} gives each output a whole block (the {@code block_} kernels). */
    public static boolean blockPerOutput(int outputs, int len, int stride) {
        if (len < SHORT_ROW) {
            return false;
        }
        return stride == 1 || outputs < MANY_OUTPUTS;
    }

    /** The tiled matmul: a 64x64 tile of out per block of 256 threads, batches along z. */
    public static LaunchGeometry matmul(int n, int m, int batch) {
        int tile = CudaCodegen.MM_TILE;
        int rows = blocks(n, tile);
        if (divideUp(n, tile) > MAX_GRID) {
            throw new IllegalArgumentException("cuda matmul: " + n + " rows exceed " + (long) MAX_GRID * tile);
        }
        return new LaunchGeometry(Math.max(1, divideUp(m, tile)), Math.max(rows, 1),
                Math.min(Math.max(batch, 1), MAX_GRID), CudaCodegen.MM_THREADS, 1, 1);
    }

    /** sumPractice: blocks of 32 threads, one per 32 inputs (the original launches size / 32 + 1). */
    public static LaunchGeometry sumPractice(int size) {
        return new LaunchGeometry(Math.max(1, divideUp(size, CudaCodegen.PRACTICE_BLOCK)), 1, 1,
                CudaCodegen.PRACTICE_BLOCK, 1, 1);
    }

    /** mmPractice: a single 32x32 block. */
    public static LaunchGeometry mmPractice() {
        return new LaunchGeometry(1, 1, 1, CudaCodegen.PRACTICE_BLOCK, CudaCodegen.PRACTICE_BLOCK, 1);
    }

    static int divideUp(int n, int d) {
        return (int) (((long) n + d - 1) / d);
    }

    private static int blocks(int size, int perBlock) {
        return Math.min(Math.max(1, divideUp(size, perBlock)), MAX_GRID);
    }

    private static int roundUp(int n, int multiple) {
        return (int) Math.min(1024, ((long) n + multiple - 1) / multiple * multiple);
    }
}
