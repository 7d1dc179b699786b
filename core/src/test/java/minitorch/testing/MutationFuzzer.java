package minitorch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * A seeded mutation fuzzer for file readers. It takes small valid files, mutates them (bit flips,
 * random and boundary bytes, boundary 32- and 64-bit integers in both byte orders, dictionary tokens,
 * inserted, deleted, duplicated and truncated ranges), writes each mutant to a file and calls the reader,
 * which may succeed or throw an IllegalArgumentException (DataFileException is one) whose message names
 * the file. Anything else fails the test, as does a reader that runs longer than {@link #HANG_SECONDS}
 * or allocates more than {@link #allocationBound} for the file (a header's size field must not make it
 * allocate what the file does not hold).
 *
 * <p>Case {@code i} draws from {@code new Random(seed + i * golden)}, so a failure is reproduced by its
 * seed and case number alone; the failing file is also kept under {@code target/fuzz-failures/}. The
 * run lasts {@code -Dminitorch.fuzz.seconds} (default 0.5) per reader from {@code -Dminitorch.fuzz.seed}
 * (default 20261201); docs/TESTING.md gives the command of the long run.
 */
public final class MutationFuzzer {
    public static final int HANG_SECONDS = 10;
    static final long GOLDEN = 0x9E3779B97F4A7C15L;
    static final int[] INTERESTING_INTS = {0, 1, -1, 2, 16, 127, 128, 255, 256, 0x7fff, 0x8000, 0xffff, 60_000,
        1_000_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 16};
    static final long[] INTERESTING_LONGS = {0, 1, -1, 8, 1L << 31, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE};

    /** What the fuzzer calls: read {@code file} (its bytes are the mutant), throw or return. */
    public interface Reader {
        void read(Path file) throws Exception;
    }

    private final String name;
    private final List<byte[]> seeds;
    private final List<byte[]> dictionary = new ArrayList<>();
    private UnaryOperator<byte[]> encode = UnaryOperator.identity();
    private String suffix = ".bin";

    public MutationFuzzer(String name, List<byte[]> seeds) {
        this.name = name;
        this.seeds = List.copyOf(seeds);
    }

    /** Tokens the format is made of (inserted and overwritten now and then). */
    public MutationFuzzer dictionary(String... tokens) {
        for (String t : tokens) {
            dictionary.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** Applied after mutating (to gzip a mutated IDX file, say), so mutations reach past the compression. */
    public MutationFuzzer encodeWith(UnaryOperator<byte[]> encoding) {
        this.encode = encoding;
        return this;
    }

    /** The mutant's file name ending (readers may look at it, as GloVe does for .gz). */
    public MutationFuzzer suffix(String fileSuffix) {
        this.suffix = fileSuffix;
        return this;
    }

    public static long seed() { return Long.getLong("minitorch.fuzz.seed", 20261201L); }

    public static double seconds() { return Double.parseDouble(System.getProperty("minitorch.fuzz.seconds", "0.5")); }

    /** Runs the reader on mutants for {@link #seconds()} seconds; returns how many cases ran. */
    public int run(Path dir, Reader reader) {
        long seed = seed();
        long deadline = System.nanoTime() + (long) (seconds() * 1e9);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + name);
            t.setDaemon(true); // a hung reader must not keep the JVM alive
            return t;
        });
        try {
            Path file = dir.resolve(name + suffix);
            int cases = 0;
            for (int i = 0; i == 0 || System.nanoTime() < deadline; i++) {
                Random random = new Random(seed + i * GOLDEN);
                byte[] input = encode.apply(mutate(seeds.get(random.nextInt(seeds.size())), random));
                write(file, input);
                Future<Long> result = worker.submit(() -> readOnce(reader, file));
                try {
                    long allocated = result.get(HANG_SECONDS, TimeUnit.SECONDS);
                    long bound = allocationBound(input.length);
                    if (allocated > bound) {
                        fail(failure(seed, i, input, "allocated " + allocated + " bytes for a " + input.length
                                + "-byte file (bound " + bound + ")"), null);
                    }
                } catch (TimeoutException e) {
                    result.cancel(true);
                    fail(failure(seed, i, input, "still reading after " + HANG_SECONDS + " s (a hang)"), null);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    fail(failure(seed, i, input, "threw an undocumented " + cause), cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                cases++;
            }
            System.out.printf(java.util.Locale.ROOT, "fuzz %s: %d cases in %.1f s, seed %d%n", name, cases, seconds(), seed);
            return cases;
        } finally {
            worker.shutdownNow();
        }
    }

    /**
     * The most a reader may allocate for a file of {@code length} bytes: 16 MiB of buffers and bookkeeping,
     * plus 1,100 bytes per byte of file (deflate expands at most about 1,032 times, so a gzip file may
     * legitimately decompress to that much).
     */
    public static long allocationBound(long length) { return (16L << 20) + 1_100L * length; }

    /** Reads once in this (worker) thread; returns the bytes allocated, or throws what is not documented. */
    private long readOnce(Reader reader, Path file) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            reader.read(file);
        } catch (IllegalArgumentException e) { // documented: DataFileException and its siblings
            String message = e.getMessage();
            if (message == null || !message.contains(file.getFileName().toString())) {
                throw new AssertionError("an IllegalArgumentException that does not name the file: " + e, e);
            }
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    private String failure(long seed, int i, byte[] input, String what) {
        Path kept = Path.of("target", "fuzz-failures", name + "-" + seed + "-" + i + suffix);
        try {
            Files.createDirectories(kept.getParent());
            Files.write(kept, input);
        } catch (IOException e) {
            kept = null;
        }
        return name + " case " + i + " of seed " + seed + " " + what + "; the file is " + kept
                + " (rerun with -Dminitorch.fuzz.seed=" + seed + ")";
    }

    private static void fail(String message, Throwable cause) {
        throw new AssertionError(message, cause);
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- mutations ------------------------------------------------------------------------------------

    /** One to four mutations of a copy of {@code input}. */
    byte[] mutate(byte[] input, Random random) {
        byte[] data = input.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            data = mutateOnce(data, random);
        }
        return data;
    }

    private byte[] mutateOnce(byte[] data, Random random) {
        if (data.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        int at = random.nextInt(data.length);
        switch (random.nextInt(dictionary.isEmpty() ? 9 : 11)) {
            case 0 -> data[at] ^= (byte) (1 << random.nextInt(8));                 // flip a bit
            case 1 -> data[at] = (byte) random.nextInt(256);                        // a random byte
            case 2 -> data[at] = (byte) new int[] {0, 0x7f, 0x80, 0xff, '\t', '\n', ' ', '-'}[random.nextInt(8)];
            case 3 -> putInt(data, at, INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)], random.nextBoolean());
            case 4 -> putLong(data, at, INTERESTING_LONGS[random.nextInt(INTERESTING_LONGS.length)], random.nextBoolean());
            case 5 -> data = Arrays.copyOf(data, at);                               // truncate
            case 6 -> {                                                             // delete a range
                int end = Math.min(data.length, at + 1 + random.nextInt(16));
                data = concat(Arrays.copyOf(data, at), Arrays.copyOfRange(data, end, data.length));
            }
            case 7 -> {                                                             // duplicate a range
                int end = Math.min(data.length, at + 1 + random.nextInt(32));
                byte[] range = Arrays.copyOfRange(data, at, end);
                data = concat(Arrays.copyOf(data, end), concat(range, Arrays.copyOfRange(data, end, data.length)));
            }
            case 8 -> {                                                             // insert random bytes
                byte[] noise = new byte[1 + random.nextInt(8)];
                random.nextBytes(noise);
                data = concat(Arrays.copyOf(data, at), concat(noise, Arrays.copyOfRange(data, at, data.length)));
            }
            case 9 -> {                                                             // insert a token
                byte[] token = dictionary.get(random.nextInt(dictionary.size()));
                data = concat(Arrays.copyOf(data, at), concat(token, Arrays.copyOfRange(data, at, data.length)));
            }
            default -> {                                                            // overwrite with a token
                byte[] token = dictionary.get(random.nextInt(dictionary.size()));
                System.arraycopy(token, 0, data, at, Math.min(token.length, data.length - at));
            }
        }
        return data;
    }

    private static void putInt(byte[] data, int at, int value, boolean bigEndian) {
        ByteBuffer b = ByteBuffer.allocate(4).order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = b.putInt(value).array();
        System.arraycopy(bytes, 0, data, at, Math.min(4, data.length - at));
    }

    private static void putLong(byte[] data, int at, long value, boolean bigEndian) {
        ByteBuffer b = ByteBuffer.allocate(8).order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = b.putLong(value).array();
        System.arraycopy(bytes, 0, data, at, Math.min(8, data.length - at));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
