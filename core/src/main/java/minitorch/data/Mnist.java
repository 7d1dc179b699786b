package minitorch.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * MNIST digits in LeCun's IDX format, gzip-compressed: {@code mnist/train-images-idx3-ubyte.gz} and
 * friends. Pixels stay bytes (0 background .. 255 ink) so 60,000 images take 47 MB, not 376 MB of
 * doubles; the trainer scales each batch as it builds it.
 *
 * @param pixels {@code count * rows * cols} unsigned bytes, image by image, row-major
 * @param labels one digit 0..9 per image
 */
public record Mnist(byte[] pixels, byte[] labels, int count, int rows, int cols) {
    public static final int IMAGE_MAGIC = 2051;
    public static final int LABEL_MAGIC = 2049;

    /** Which of the two MNIST files pairs to read. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) { this.prefix = prefix; }

        public String imagesFile() { return "mnist/" + prefix + "-images-idx3-ubyte.gz"; }

        public String labelsFile() { return "mnist/" + prefix + "-labels-idx1-ubyte.gz"; }
    }

    /** The pixel at (row, col) of image {@code i}, 0..255. */
    public int pixel(int i, int row, int col) {
        return pixels[(i * rows + row) * cols + col] & 0xFF;
    }

    /** The label of image {@code i}, 0..9. */
    public int label(int i) { return labels[i]; }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), as the original's make_mnist(start, stop). */
    public Mnist slice(int from, int to) {
        if (from < 0 || to > count || from > to) {
            throw new IllegalArgumentException("Mnist.slice: [" + from + ", " + to + ") is not within the " + count + " images");
        }
        int pixelsPerImage = rows * cols;
        return new Mnist(java.util.Arrays.copyOfRange(pixels, from * pixelsPerImage, to * pixelsPerImage),
                java.util.Arrays.copyOfRange(labels, from, to), to - from, rows, cols);
    }

    /** Loads one split from a data directory (see {@link DataDirectory}). */
    public static Mnist load(Path dataDir, Split split) {
        return load(DataDirectory.require(dataDir, split.imagesFile()), DataDirectory.require(dataDir, split.labelsFile()));
    }

    /** Loads an images file and its labels file; their counts must agree. */
    public static Mnist load(Path imagesFile, Path labelsFile) {
        Images images = readImages(imagesFile);
        byte[] labels = readLabels(labelsFile);
        if (labels.length != images.count) {
            throw new DataFileException(labelsFile, images.count + " labels (one per image in " + imagesFile + ")",
                    labels.length + " labels");
        }
        return new Mnist(images.pixels, labels, images.count, images.rows, images.cols);
    }

    private record Images(byte[] pixels, int count, int rows, int cols) {}

    static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = readInt(in, file, "the image magic number " + IMAGE_MAGIC);
            if (magic != IMAGE_MAGIC) {
                throw new DataFileException(file, "IDX image magic number " + IMAGE_MAGIC, "magic number " + magic);
            }
            int count = readInt(in, file, "an image count");
            int rows = readInt(in, file, "a row count");
            int cols = readInt(in, file, "a column count");
            long imageSize = (long) rows * cols; // checked first: count * rows * cols can overflow even a long
            if (count < 0 || rows <= 0 || cols <= 0 || imageSize > Integer.MAX_VALUE || count * imageSize > Integer.MAX_VALUE - 16) {
                throw new DataFileException(file, "a positive image count and size",
                        count + " images of " + rows + "x" + cols);
            }
            byte[] pixels = readExactly(in, count * rows * cols, file, count + " images of " + rows + "x" + cols + " pixels");
            return new Images(pixels, count, rows, cols);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static byte[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = readInt(in, file, "the label magic number " + LABEL_MAGIC);
            if (magic != LABEL_MAGIC) {
                throw new DataFileException(file, "IDX label magic number " + LABEL_MAGIC, "magic number " + magic);
            }
            int count = readInt(in, file, "a label count");
            if (count < 0) {
                throw new DataFileException(file, "a non-negative label count", String.valueOf(count));
            }
            byte[] labels = readExactly(in, count, file, count + " labels");
            for (int i = 0; i < count; i++) {
                if (labels[i] < 0 || labels[i] > 9) {
                    throw new DataFileException(file, "labels 0..9", "label " + (labels[i] & 0xFF) + " at entry " + i);
                }
            }
            return labels;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, "a gzip-compressed IDX file", "no such file");
        }
        InputStream raw = Files.newInputStream(file);
        try {
            return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
        } catch (ZipException | EOFException e) {
            raw.close();
            throw new DataFileException(file, "a gzip-compressed IDX file", "data that is not gzip (" + e.getMessage() + ")", e);
        }
    }

    private static int readInt(DataInputStream in, Path file, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataFileException(file, what, "the end of the file (truncated header)", e);
        }
    }

    /**
     * The next {@code length} bytes. The buffer grows with the data actually read (readNBytes reads in
     * chunks), so a header that claims more than the file holds (a 60-byte file claiming 10^9 images)
     * is refused without allocating what it claims.
     */
    private static byte[] readExactly(DataInputStream in, int length, Path file, String what) throws IOException {
        byte[] data;
        try {
            data = in.readNBytes(length);
        } catch (EOFException e) { // a gzip stream cut short
            throw new DataFileException(file, what, "fewer bytes (truncated gzip stream)", e);
        }
        if (data.length < length) {
            throw new DataFileException(file, what, "only " + data.length + " of " + length + " bytes (truncated)");
        }
        return data;
    }

    private static RuntimeException unreadable(Path file, IOException e) {
        if (e instanceof ZipException) {
            return new DataFileException(file, "a valid gzip stream", "corrupt gzip data (" + e.getMessage() + ")", e);
        }
        return new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
}
