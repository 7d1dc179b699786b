package minitorch.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * One process's dropout generator, shared out among shards. One process draws a batch's dropout mask row
 * after row (one uniform per masked unit, row-major, {@code Tensor.rand}); a shard starting at row r gets
 * a copy of the generator that has skipped the r rows before it, so the shards' masks are the slices of
 * the one-process mask, and after the step the driver's generator skips the whole batch.
 */
final class DropoutStream {
    private DropoutStream() {}

    /** The generator's state, to send to a worker. */
    static byte[] snapshot(Random random) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(random);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A generator in the snapshot's state that has then skipped {@code rows} rows of {@code drawsPerRow}. */
    static Random restore(byte[] snapshot, long rows, int drawsPerRow) {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(snapshot))) {
            return skip((Random) in.readObject(), rows, drawsPerRow);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Draws and discards what {@code rows} rows of dropout would draw. */
    static Random skip(Random random, long rows, int drawsPerRow) {
        for (long i = rows * drawsPerRow; i > 0; i--) {
            random.nextDouble();
        }
        return random;
    }
}
