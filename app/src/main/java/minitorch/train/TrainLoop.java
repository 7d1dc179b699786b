package minitorch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Runs a {@link Trainer} for a number of epochs and prints the original's log line
 * ({@code Epoch  10  loss  34.1 correct 38}) every 10 epochs and at the last, followed by the average
 * time per epoch since the previous line.
 */
public final class TrainLoop {
    private TrainLoop() {}

    /** What a run produced: the loss of every epoch, the last epoch's result and the time taken. */
    public record Result(List<Double> losses, Trainer.EpochResult last, double seconds) {
        public double secondsPerEpoch() { return seconds / losses.size(); }
    }

    /**
     * @throws IllegalArgumentException if {@code epochs < 1}
     */
    public static Result run(Trainer trainer, int epochs, Consumer<String> log) {
        if (epochs < 1) {
            throw new IllegalArgumentException("number of epochs must be at least 1, got " + epochs);
        }
        List<Double> losses = new ArrayList<>(epochs);
        Trainer.EpochResult last = null;
        long start = System.nanoTime();
        long sinceLog = start;
        int epochsSinceLog = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            last = trainer.trainEpoch(epoch);
            losses.add(last.loss());
            epochsSinceLog++;
            if (epoch % 10 == 0 || epoch == epochs) {
                long now = System.nanoTime();
                double perEpoch = (now - sinceLog) / 1e9 / epochsSinceLog;
                log.accept(logLine(epoch, last) + String.format(Locale.ROOT, "  time per epoch %.4fs", perEpoch));
                sinceLog = now;
                epochsSinceLog = 0;
            }
        }
        return new Result(List.copyOf(losses), last, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The original's {@code print("Epoch ", epoch, " loss ", total_loss, "correct", correct)}, whose
     * separators give the double spaces; the loss is printed as Python prints a float.
     */
    public static String logLine(int epoch, Trainer.EpochResult result) {
        return "Epoch  " + epoch + "  loss  " + pythonFloat(result.loss()) + " correct " + result.correct();
    }

    /** Python's repr of a float: shortest round-trip digits, like Java's, but "1e-05" not "1.0E-5". */
    static String pythonFloat(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a == 0 || (a >= 1e-4 && a < 1e16)) {
            String s = Double.toString(v);
            if (!s.contains("E")) {
                return s;
            }
            // Java uses exponent form below 1e-3 and from 1e7; Python only below 1e-4 and from 1e16.
            String plain = new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String s = Double.toString(v); // d.dddE[-]x
        int e = s.indexOf('E');
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
    }
}
