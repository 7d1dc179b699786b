package minitorch.data;

import static minitorch.data.DataLoadersTest.gzip;
import static minitorch.data.DataLoadersTest.idxImages;
import static minitorch.data.DataLoadersTest.idxLabels;
import static minitorch.testing.BadInput.check;
import static minitorch.testing.BadInput.rejects;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import minitorch.testing.BadInput;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad data files for the readers (MNIST IDX, SST-2 TSV, GloVe) and the data sets: each is a
 * DataFileException (or IllegalArgumentException) naming the file, what was expected and what was found.
 */
class DataLoadersBadInputsTest {
    @TempDir Path dir;

    Path file(String name, byte[] content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path text(String name, String content) { return file(name, content.getBytes(StandardCharsets.UTF_8)); }

    static byte[] unchecked(IoSupplier s) {
        try {
            return s.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface IoSupplier { byte[] get() throws IOException; }

    Path labels(String name, int... labels) { return file(name, unchecked(() -> gzip(idxLabels(Mnist.LABEL_MAGIC, labels)))); }

    Path images(String name, int magic, int count, int rows, int cols, int pixelBytes) {
        return file(name, unchecked(() -> gzip(idxImages(magic, count, rows, cols, pixelBytes))));
    }

    @TestFactory
    Stream<DynamicTest> catalogue() {
        Path twoLabels = labels("two.labels.gz", 1, 2);
        Path oneImage = images("one.images.gz", Mnist.IMAGE_MAGIC, 1, 2, 2, 4);
        Path twoImages = images("two.images.gz", Mnist.IMAGE_MAGIC, 2, 2, 2, 8);
        byte[] goodGz = unchecked(() -> gzip(idxImages(Mnist.IMAGE_MAGIC, 1, 2, 2, 4)));
        return BadInput.run(List.of(
                rejects("data directory without the file", DataFileException.class,
                        () -> DataDirectory.require(dir, "mnist/none.gz"), "mnist/none.gz", "no such file", "--data"),
                rejects("data directory entry that is a directory", DataFileException.class,
                        () -> DataDirectory.require(dir.getParent(), dir.getFileName().toString()), "not a regular file"),
                rejects("MNIST images file missing", DataFileException.class,
                        () -> Mnist.load(dir.resolve("none.gz"), twoLabels), "none.gz", "no such file"),
                rejects("MNIST file that is not gzip", DataFileException.class,
                        () -> Mnist.load(text("plain.gz", "not gzip at all"), twoLabels), "plain.gz", "not gzip"),
                rejects("MNIST images with the label magic number", DataFileException.class,
                        () -> Mnist.load(images("magic.gz", Mnist.LABEL_MAGIC, 1, 2, 2, 4), twoLabels), "magic.gz", "2051", "2049"),
                rejects("MNIST header cut short", DataFileException.class,
                        () -> Mnist.load(file("short.gz", unchecked(() -> gzip(new byte[] {0, 0, 8, 3, 0, 0}))), twoLabels),
                        "short.gz", "truncated header"),
                rejects("MNIST pixels cut short", DataFileException.class,
                        () -> Mnist.load(images("pixels.gz", Mnist.IMAGE_MAGIC, 2, 2, 2, 5), twoLabels), "pixels.gz", "5 of 8 bytes"),
                rejects("MNIST gzip stream cut short", DataFileException.class,
                        () -> Mnist.load(file("cut.gz", Arrays.copyOf(goodGz, goodGz.length - 12)), twoLabels), "cut.gz", "truncated"),
                rejects("MNIST negative image count", DataFileException.class,
                        () -> Mnist.load(images("negative.gz", Mnist.IMAGE_MAGIC, -1, 2, 2, 0), twoLabels), "negative.gz", "-1 images"),
                rejects("MNIST zero rows", DataFileException.class,
                        () -> Mnist.load(images("rows.gz", Mnist.IMAGE_MAGIC, 1, 0, 2, 0), twoLabels), "rows.gz", "1 images of 0x2"),
                rejects("MNIST images more than an array holds", DataFileException.class,
                        () -> Mnist.load(images("huge.gz", Mnist.IMAGE_MAGIC, 1 << 20, 1 << 10, 1 << 10, 0), twoLabels), "huge.gz",
                        "1048576 images of 1024x1024"),
                rejects("MNIST sizes whose product overflows even a long (found by the fuzzer)", DataFileException.class,
                        () -> Mnist.load(images("overflow.gz", Mnist.IMAGE_MAGIC, 1683330, 2013265922, 42637, 16), twoLabels),
                        "overflow.gz", "1683330 images of 2013265922x42637"),
                check("MNIST file of 60 bytes claiming 10^9 images is refused without allocating them", () -> {
                    Path claim = images("claim.gz", Mnist.IMAGE_MAGIC, 1_000_000_000, 1, 1, 16);
                    assertTrue(Files.size(claim) < 100, "the file is tiny");
                    long before = allocatedBytes();
                    DataFileException e = assertThrowsExactly(DataFileException.class, () -> Mnist.load(claim, twoLabels));
                    long allocated = allocatedBytes() - before;
                    assertTrue(e.getMessage().contains("1000000000 images") && e.getMessage().contains("truncated"), e.getMessage());
                    assertTrue(allocated < 32 << 20, "allocated " + allocated + " bytes for a " + Files.size(claim) + "-byte file");
                }),
                check("MNIST labels claiming 2^31 - 1 labels are refused without allocating them", () -> {
                    Path claim = file("claim.labels.gz", unchecked(() -> {
                        byte[] raw = idxLabels(Mnist.LABEL_MAGIC, 1, 2);
                        raw[4] = 0x7f; raw[5] = (byte) 0xff; raw[6] = (byte) 0xff; raw[7] = (byte) 0xff;
                        return gzip(raw);
                    }));
                    long before = allocatedBytes();
                    DataFileException e = assertThrowsExactly(DataFileException.class, () -> Mnist.load(oneImage, claim));
                    long allocated = allocatedBytes() - before;
                    assertTrue(e.getMessage().contains("2147483647 labels"), e.getMessage());
                    assertTrue(allocated < 32 << 20, "allocated " + allocated + " bytes");
                }),
                rejects("MNIST labels and images disagree on the count", DataFileException.class,
                        () -> Mnist.load(oneImage, twoLabels), "two.labels.gz", "1 labels", "found 2 labels"),
                rejects("MNIST label 10", DataFileException.class,
                        () -> Mnist.load(twoImages, labels("ten.gz", 3, 10)), "ten.gz", "labels 0..9", "label 10 at entry 1"),
                rejects("MNIST label 255", DataFileException.class,
                        () -> Mnist.load(twoImages, labels("neg.gz", 255, 1)), "neg.gz", "label 255 at entry 0"),
                rejects("SST-2 file missing", DataFileException.class, () -> Sst2.load(dir.resolve("none.tsv")), "none.tsv", "no such file"),
                rejects("SST-2 empty file", DataFileException.class, () -> Sst2.load(text("empty.tsv", "")), "empty.tsv", "empty file"),
                rejects("SST-2 wrong header", DataFileException.class,
                        () -> Sst2.load(text("header.tsv", "text\tsentiment\nfine\t1\n")), "header.tsv", "sentence<TAB>label", "text"),
                rejects("SST-2 line without a tab", DataFileException.class,
                        () -> Sst2.load(text("tab.tsv", "sentence\tlabel\nno tab here 1\n")), "tab.tsv", "line 2", "no tab"),
                rejects("SST-2 label 2", DataFileException.class,
                        () -> Sst2.load(text("label.tsv", "sentence\tlabel\ngood\t1\nbad\t2\n")), "label.tsv", "line 3", "'2'"),
                rejects("SST-2 empty label", DataFileException.class,
                        () -> Sst2.load(text("nolabel.tsv", "sentence\tlabel\ngood\t\n")), "nolabel.tsv", "line 2", "''"),
                rejects("SST-2 bytes that are not UTF-8", DataFileException.class,
                        () -> Sst2.load(file("latin1.tsv", "sentence\tlabel\ncaf\u00e9\t1\n".getBytes(StandardCharsets.ISO_8859_1))),
                        "latin1.tsv", "UTF-8"),
                rejects("GloVe file missing", DataFileException.class, () -> Glove.load(dir.resolve("none.txt"), 0), "none.txt", "no such file"),
                rejects("GloVe empty file", DataFileException.class, () -> Glove.load(text("empty.txt", ""), 0), "empty.txt", "empty file"),
                rejects("GloVe word without a vector", DataFileException.class,
                        () -> Glove.load(text("word.txt", "lonely\n"), 0), "word.txt", "line 1", "lonely"),
                rejects("GloVe lines of different lengths", DataFileException.class,
                        () -> Glove.load(text("ragged.txt", "a 1 2 3\nb 1 2\n"), 0), "ragged.txt", "3 numbers", "line 2", "2"),
                rejects("GloVe value that is not a number", DataFileException.class,
                        () -> Glove.load(text("nan.txt", "a 1 x 3\n"), 0), "nan.txt", "line 1", "'x'"),
                rejects("GloVe .gz that is not gzip", DataFileException.class,
                        () -> Glove.load(text("plain.txt.gz", "a 1 2\n"), 0), "plain.txt.gz", "not gzip"),
                rejects("GloVe .gz cut short", DataFileException.class, () -> {
                    byte[] gz = unchecked(() -> gzip("a 1 2\nb 3 4\n".repeat(50).getBytes(StandardCharsets.UTF_8)));
                    Glove.load(file("cut.txt.gz", Arrays.copyOf(gz, gz.length - 10)), 0);
                }, "cut.txt.gz", "truncated"),
                rejects("data set of 0 points", IllegalArgumentException.class,
                        () -> Datasets.XOR.generate(0, new PythonRandom(0)), "number of points", "0"),
                rejects("unknown data set name", IllegalArgumentException.class,
                        () -> Datasets.parse("spirals"), "unknown data set 'spirals'", "expected one of")));
    }

    /** Bytes this thread has allocated so far (HotSpot's per-thread allocation counter). */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().threadId());
    }
}
