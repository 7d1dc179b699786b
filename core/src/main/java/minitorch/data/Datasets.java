package minitorch.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * The original's six 2-D classification data sets ({@code minitorch.datasets}), with exactly its rules.
 * Points are drawn with {@code random.random()}, x_1 before x_2; pass a {@link PythonRandom} to reproduce
 * the original's points for a given seed. Spiral is deterministic and ignores the generator.
 */
public enum Datasets {
    SIMPLE("Simple", (x1, x2) -> x1 < 0.5),
    DIAG("Diag", (x1, x2) -> x1 + x2 < 0.5),
    SPLIT("Split", (x1, x2) -> x1 < 0.2 || x1 > 0.8),
    XOR("Xor", (x1, x2) -> (x1 < 0.5 && x2 > 0.5) || (x1 > 0.5 && x2 < 0.5)),
    CIRCLE("Circle", (x1, x2) -> {
        double a = x1 - 0.5;
        double b = x2 - 0.5;
        return a * a + b * b > 0.1;
    }),
    SPIRAL("Spiral", null);

    private final String displayName;
    private final BiPredicate<Double, Double> isClassOne;

    Datasets(String displayName, BiPredicate<Double, Double> isClassOne) {
        this.displayName = displayName;
        this.isClassOne = isClassOne;
    }

    /** The original's name, e.g. {@code "Xor"}. */
    public String displayName() { return displayName; }

    /**
     * {@code n} labelled points.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Graph generate(int n, RandomGenerator random) {
        if (n < 1) {
            throw new IllegalArgumentException(displayName + " data set: number of points must be at least 1, got " + n);
        }
        if (this == SPIRAL) {
            return spiral(n);
        }
        double[][] x = makePoints(n, random);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = isClassOne.test(x[i][0], x[i][1]) ? 1 : 0;
        }
        return new Graph(displayName, n, x, y);
    }

    /** The original's {@code make_pts}: each coordinate uniform in [0, 1), x_1 drawn before x_2. */
    private static double[][] makePoints(int n, RandomGenerator random) {
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            double x1 = random.nextDouble();
            double x2 = random.nextDouble();
            x[i] = new double[] {x1, x2};
        }
        return x;
    }

    /** Two interleaved spiral arms of n / 2 points each; class 0 is the first arm. */
    private static Graph spiral(int n) {
        int h = n / 2;
        double[][] x = new double[2 * h][];
        int[] y = new int[2 * h];
        for (int i = 5; i < 5 + h; i++) {
            double t = 10.0 * i / h;
            x[i - 5] = new double[] {spiralX(t) + 0.5, spiralY(t) + 0.5};
            x[h + i - 5] = new double[] {spiralY(-t) + 0.5, spiralX(-t) + 0.5};
            y[h + i - 5] = 1;
        }
        return new Graph("Spiral", n, x, y);
    }

    private static double spiralX(double t) { return t * Math.cos(t) / 20.0; }

    private static double spiralY(double t) { return t * Math.sin(t) / 20.0; }

    /**
     * The data set with this name, ignoring case ({@code xor}, {@code Xor}, {@code XOR}).
     *
     * @throws IllegalArgumentException naming the valid choices if there is none
     */
    public static Datasets parse(String name) {
        for (Datasets d : values()) {
            if (d.displayName.equalsIgnoreCase(name.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + name + "': expected one of " + names());
    }

    /** The valid names, lower case, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(d -> d.displayName.toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
