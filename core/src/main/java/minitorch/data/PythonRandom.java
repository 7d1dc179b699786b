package minitorch.data;

import java.util.random.RandomGenerator;

/**
 * Python's {@code random} module generator: the Mersenne Twister MT19937, seeded the way
 * {@code random.seed(int)} seeds it and read the way {@code random.random()} reads it (53-bit
 * {@code genrand_res53}). With it, {@code new PythonRandom(0)} yields exactly the numbers the original's
 * data sets and weight initialisations draw after {@code random.seed(0)}, so its exact cases are testable.
 */
public final class PythonRandom implements RandomGenerator {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;

    /** Seeded like Python's {@code random.seed(seed)}: the absolute value, split into 32-bit words. */
    public PythonRandom(long seed) {
        // Python seeds from abs(seed); Long.MIN_VALUE's magnitude still fits in 64 unsigned bits.
        long magnitude = seed < 0 ? -seed : seed;
        int low = (int) magnitude;
        int high = (int) (magnitude >>> 32);
        initByArray(high == 0 ? new int[] {low} : new int[] {low, high});
    }

    private void initGenrand(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = UPPER_MASK; // MSB is 1, assuring a non-zero initial array
    }

    /** The next 32 random bits (MT19937 {@code genrand_uint32}). */
    @Override
    public int nextInt() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }

    @Override
    public long nextLong() {
        return ((long) nextInt() << 32) | (nextInt() & 0xffffffffL);
    }

    /** Python's {@code random.random()}: a uniform double in [0, 1) with 53 random bits. */
    @Override
    public double nextDouble() {
        int a = nextInt() >>> 5;
        int b = nextInt() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }
}
