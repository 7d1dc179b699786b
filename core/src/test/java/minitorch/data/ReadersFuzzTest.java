package minitorch.data;

import static minitorch.data.DataLoadersTest.gzip;
import static minitorch.data.DataLoadersTest.idxImages;
import static minitorch.data.DataLoadersTest.idxLabels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import minitorch.testing.MutationFuzzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data readers under the seeded mutation fuzzer ({@link MutationFuzzer}): from small valid files,
 * mutants either load (and then hold what they claim) or fail with a DataFileException naming the file;
 * no other exception, no hang, no allocation beyond what the file holds.
 */
class ReadersFuzzTest {
    @TempDir Path dir;

    static byte[] gz(byte[] raw) {
        try {
            return gzip(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file(String name, byte[] content) throws IOException { return Files.write(dir.resolve(name), content); }

    @Test
    void mnistImages() throws IOException {
        Path labels = file("labels.gz", gzip(idxLabels(Mnist.LABEL_MAGIC, 3, 7)));
        int cases = new MutationFuzzer("mnist-images", List.of(idxImages(Mnist.IMAGE_MAGIC, 2, 3, 2, 12)))
                .encodeWith(ReadersFuzzTest::gz).suffix(".gz")
                .run(dir, file -> {
                    Mnist m = Mnist.load(file, labels);
                    assertEquals((long) m.count() * m.rows() * m.cols(), m.pixels().length);
                });
        assertTrue(cases > 0);
    }

    @Test
    void mnistLabels() throws IOException {
        Path images = file("images.gz", gzip(idxImages(Mnist.IMAGE_MAGIC, 3, 2, 2, 12)));
        new MutationFuzzer("mnist-labels", List.of(idxLabels(Mnist.LABEL_MAGIC, 0, 9, 4)))
                .encodeWith(ReadersFuzzTest::gz).suffix(".gz")
                .run(dir, file -> {
                    Mnist m = Mnist.load(images, file);
                    for (int i = 0; i < m.count(); i++) {
                        assertTrue(m.label(i) >= 0 && m.label(i) <= 9);
                    }
                });
    }

    /** The compressed bytes themselves mutated: the gzip layer's errors must be DataFileExceptions too. */
    @Test
    void mnistGzipStream() throws IOException {
        Path labels = file("labels.gz", gzip(idxLabels(Mnist.LABEL_MAGIC, 3, 7)));
        new MutationFuzzer("mnist-gzip", List.of(gzip(idxImages(Mnist.IMAGE_MAGIC, 2, 3, 2, 12)))).suffix(".gz")
                .run(dir, file -> Mnist.load(file, labels));
    }

    @Test
    void sst2() {
        String tsv = "sentence\tlabel\nit 's a charming and often affecting journey . \t1\nunflinchingly bleak\t0\n\n"
                + "a tab\tinside\t1\n";
        new MutationFuzzer("sst2", List.of(tsv.getBytes(StandardCharsets.UTF_8)))
                .dictionary("\t", "\n", "\r\n", "0", "1", "2", " ", "sentence\tlabel", "\u00e9", "\uFFFD", "\t1\n")
                .suffix(".tsv")
                .run(dir, file -> {
                    for (Sst2.Example e : Sst2.load(file)) {
                        assertTrue(e.label() == 0 || e.label() == 1);
                    }
                });
    }

    @Test
    void glove() {
        String text = "the 0.418 0.24968 -0.41242\n, 0.013441 0.23682 -0.16899\nmovie -1e-3 2.5E2 NaN\n";
        new MutationFuzzer("glove", List.of(text.getBytes(StandardCharsets.UTF_8)))
                .dictionary(" ", "\n", "-", "e", "1e999", "NaN", "Infinity", "0x1p3", ".", "\u00e9")
                .suffix(".txt")
                .run(dir, file -> {
                    Glove g = Glove.load(file, 0);
                    assertEquals(g.dimension(), g.unknownVector().length);
                });
    }

    @Test
    void gloveGzip() {
        String text = "the 0.418 0.24968 -0.41242\n, 0.013441 0.23682 -0.16899\n";
        new MutationFuzzer("glove-gz", List.of(text.getBytes(StandardCharsets.UTF_8)))
                .dictionary(" ", "\n", "-", "1e999")
                .encodeWith(ReadersFuzzTest::gz).suffix(".txt.gz")
                .run(dir, file -> Glove.load(file, 0));
    }
}
