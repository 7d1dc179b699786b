package minitorch.bench;

import java.util.Random;

/**
 * The original's "split" data set (reference §datasets): points uniform in the unit square, label 1
 * when x₁ < 0.2 or x₁ > 0.8. Seeded, so every trainer sees the same points and the same shuffles.
 */
public record SplitData(double[][] x, double[] y) {

    public static SplitData generate(int points, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[points][2];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i][0] = random.nextDouble();
            x[i][1] = random.nextDouble();
            y[i] = x[i][0] < 0.2 || x[i][0] > 0.8 ? 1 : 0;
        }
        return new SplitData(x, y);
    }

    public int size() {
        return y.length;
    }

    /** A permutation of the point indices (Fisher–Yates), the epoch's shuffle. */
    public static int[] shuffle(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
