package minitorch.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loaders on small files written here: good ones load, bad ones fail naming file, expectation and finding. */
class DataLoadersTest {
    @TempDir Path dir;

    // ---- helpers ------------------------------------------------------------------------------

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    static byte[] idxImages(int magic, int count, int rows, int cols, int pixelBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < pixelBytes; i++) {
            out.writeByte(i * 37 % 256);
        }
        return bytes.toByteArray();
    }

    static byte[] idxLabels(int magic, int... labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.writeByte(label);
        }
        return bytes.toByteArray();
    }

    Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }

    static void assertMessage(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' should contain '" + part + "'");
        }
    }

    // ---- data directory -------------------------------------------------------------------------

    @Test
    void dataDirectoryPrefersFlagThenEnvironmentThenHome() {
        assertEquals(Path.of("/x"), DataDirectory.resolve("/x", Map.of(DataDirectory.ENV, "/y"), "/home/u"));
        assertEquals(Path.of("/y"), DataDirectory.resolve(null, Map.of(DataDirectory.ENV, "/y"), "/home/u"));
        assertEquals(Path.of("/home/u/.minitorch/data"), DataDirectory.resolve(null, Map.of(), "/home/u"));
        assertEquals(Path.of("/home/u/.minitorch/data"), DataDirectory.resolve("", Map.of(DataDirectory.ENV, " "), "/home/u"));
    }

    @Test
    void missingDataFileNamesWhereItLooked() {
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(dir, Mnist.Split.TRAIN));
        assertMessage(e, dir.resolve("mnist/train-images-idx3-ubyte.gz").toString(), "no such file", "MINITORCH_DATA");
        assertInstanceOf(IllegalArgumentException.class, e);
    }

    // ---- MNIST ----------------------------------------------------------------------------------

    @Test
    void mnistLoadsPixelsAndLabels() throws IOException {
        write("mnist/train-images-idx3-ubyte.gz", gzip(idxImages(2051, 3, 2, 4, 24)));
        write("mnist/train-labels-idx1-ubyte.gz", gzip(idxLabels(2049, 7, 0, 9)));
        Mnist m = Mnist.load(dir, Mnist.Split.TRAIN);
        assertEquals(3, m.count());
        assertEquals(2, m.rows());
        assertEquals(4, m.cols());
        assertEquals(7, m.label(0));
        assertEquals(9, m.label(2));
        // pixel (image 1, row 1, col 2) is byte 8+4+2 = 14 -> 14*37 % 256 = 6
        assertEquals(14 * 37 % 256, m.pixel(1, 1, 2));
        assertEquals(23 * 37 % 256, m.pixel(2, 1, 3)); // unsigned: 851 % 256 = 83
    }

    @Test
    void mnistWrongMagic() throws IOException {
        Path images = write("a.gz", gzip(idxImages(2049, 1, 2, 2, 4)));
        Path labels = write("b.gz", gzip(idxLabels(2049, 1)));
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(images, labels));
        assertMessage(e, images.toString(), "magic number 2051", "found magic number 2049");
        Path badLabels = write("c.gz", gzip(idxLabels(2051, 1)));
        Path goodImages = write("d.gz", gzip(idxImages(2051, 1, 2, 2, 4)));
        e = assertThrows(DataFileException.class, () -> Mnist.load(goodImages, badLabels));
        assertMessage(e, badLabels.toString(), "magic number 2049", "found magic number 2051");
    }

    @Test
    void mnistTruncatedPixels() throws IOException {
        Path images = write("a.gz", gzip(idxImages(2051, 2, 2, 2, 5)));
        Path labels = write("b.gz", gzip(idxLabels(2049, 1, 2)));
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(images, labels));
        assertMessage(e, images.toString(), "2 images of 2x2", "only 5 of 8 bytes", "truncated");
    }

    @Test
    void mnistTruncatedHeaderAndTruncatedGzip() throws IOException {
        Path shortHeader = write("a.gz", gzip(new byte[] {0, 0, 8, 3, 0, 0}));
        Path labels = write("b.gz", gzip(idxLabels(2049, 1)));
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(shortHeader, labels));
        assertMessage(e, shortHeader.toString(), "an image count", "truncated header");

        byte[] whole = gzip(idxImages(2051, 50, 28, 28, 50 * 28 * 28));
        Path cut = write("c.gz", Arrays.copyOf(whole, whole.length / 2));
        e = assertThrows(DataFileException.class, () -> Mnist.load(cut, labels));
        assertMessage(e, cut.toString(), "truncated");
    }

    @Test
    void mnistNotGzipAndCountMismatchAndBadLabel() throws IOException {
        Path plain = write("a.gz", idxImages(2051, 1, 2, 2, 4));
        Path labels = write("b.gz", gzip(idxLabels(2049, 1, 2)));
        DataFileException e = assertThrows(DataFileException.class, () -> Mnist.load(plain, labels));
        assertMessage(e, plain.toString(), "gzip", "not gzip");

        Path images = write("c.gz", gzip(idxImages(2051, 1, 2, 2, 4)));
        e = assertThrows(DataFileException.class, () -> Mnist.load(images, labels));
        assertMessage(e, labels.toString(), "1 labels", "found 2 labels");

        Path badLabel = write("d.gz", gzip(idxLabels(2049, 12)));
        e = assertThrows(DataFileException.class, () -> Mnist.load(images, badLabel));
        assertMessage(e, badLabel.toString(), "labels 0..9", "label 12");
    }

    // ---- SST-2 ----------------------------------------------------------------------------------

    @Test
    void sst2SplitsOnLastTabAndTrims() throws IOException {
        Path file = write("sst2/train.tsv", ("sentence\tlabel\nit 's a charming , funny film . \t1\n"
                + "dull \t0\n\ncafé noir \t1\n").getBytes(StandardCharsets.UTF_8));
        List<Sst2.Example> ex = Sst2.train(dir);
        assertEquals(3, ex.size());
        assertEquals(List.of("it", "'s", "a", "charming", ",", "funny", "film", "."), ex.get(0).tokens());
        assertEquals(1, ex.get(0).label());
        assertEquals(List.of("dull"), ex.get(1).tokens());
        assertEquals(0, ex.get(1).label());
        assertEquals(List.of("café", "noir"), ex.get(2).tokens());
        assertTrue(Files.exists(file));
    }

    @Test
    void sst2Malformed() throws IOException {
        Path noHeader = write("a.tsv", "good film \t1\n".getBytes(StandardCharsets.UTF_8));
        assertMessage(assertThrows(DataFileException.class, () -> Sst2.load(noHeader)),
                noHeader.toString(), "header", "good film");
        Path empty = write("b.tsv", new byte[0]);
        assertMessage(assertThrows(DataFileException.class, () -> Sst2.load(empty)), empty.toString(), "empty file");
        Path noTab = write("c.tsv", "sentence\tlabel\nno tab here 1\n".getBytes(StandardCharsets.UTF_8));
        assertMessage(assertThrows(DataFileException.class, () -> Sst2.load(noTab)),
                noTab.toString(), "line 2", "no tab");
        Path badLabel = write("d.tsv", "sentence\tlabel\nfine \t1\nbad \t2\n".getBytes(StandardCharsets.UTF_8));
        assertMessage(assertThrows(DataFileException.class, () -> Sst2.load(badLabel)),
                badLabel.toString(), "label 0 or 1 on line 3", "'2'");
        Path notUtf8 = write("e.tsv", new byte[] {'s', 'e', 'n', 't', 'e', 'n', 'c', 'e', '\t', 'l', 'a', 'b', 'e', 'l', '\n',
                (byte) 0xC3, (byte) 0x28, '\t', '1', '\n'});
        assertMessage(assertThrows(DataFileException.class, () -> Sst2.load(notUtf8)), notUtf8.toString(), "UTF-8");
        assertMessage(assertThrows(DataFileException.class, () -> Sst2.load(dir.resolve("none.tsv"))), "none.tsv", "no such file");
    }

    // ---- GloVe ----------------------------------------------------------------------------------

    @Test
    void gloveLoadsKnownWordsAndSharesOneUnknownVector() throws IOException {
        Path file = write("g.txt.gz", gzip("the 0.1 -0.2 0.3\ngood 1 2 3.5e-1\n".getBytes(StandardCharsets.UTF_8)));
        Glove g = Glove.load(file, 7);
        assertEquals(3, g.dimension());
        assertEquals(2, g.size());
        assertArrayEquals(new double[] {1, 2, 0.35}, g.lookup("good"), 0);
        double[] unk = g.lookup("zzz");
        assertSame(unk, g.lookup("qqq"));
        for (double v : unk) {
            assertTrue(v >= -0.05 && v < 0.05, "unknown vector entries are 0.1*(rand-0.5)");
        }
        assertArrayEquals(unk, Glove.load(file, 7).unknownVector(), 0, "seeded");
        assertFalse(Arrays.equals(unk, Glove.load(file, 8).unknownVector()));
    }

    @Test
    void gloveMalformed() throws IOException {
        Path ragged = write("a.txt", "the 0.1 0.2 0.3\ngood 1 2\n".getBytes(StandardCharsets.UTF_8));
        assertMessage(assertThrows(DataFileException.class, () -> Glove.load(ragged, 1)),
                ragged.toString(), "3 numbers after the word on line 2", "found 2");
        Path notNumber = write("b.txt", "the 0.1 x 0.3\n".getBytes(StandardCharsets.UTF_8));
        assertMessage(assertThrows(DataFileException.class, () -> Glove.load(notNumber, 1)),
                notNumber.toString(), "a number on line 1", "'x'");
        Path empty = write("c.txt", new byte[0]);
        assertMessage(assertThrows(DataFileException.class, () -> Glove.load(empty, 1)), empty.toString(), "empty file");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            many.append("w").append(i).append(" 0.5 0.25\n");
        }
        byte[] whole = gzip(many.toString().getBytes(StandardCharsets.UTF_8));
        Path cut = write("d.txt.gz", Arrays.copyOf(whole, whole.length - 20));
        assertMessage(assertThrows(DataFileException.class, () -> Glove.load(cut, 1)), cut.toString(), "truncated");
        Path notGzip = write("e.txt.gz", "the 1 2\n".getBytes(StandardCharsets.UTF_8));
        assertMessage(assertThrows(DataFileException.class, () -> Glove.load(notGzip, 1)), notGzip.toString(), "not gzip");
    }
}
