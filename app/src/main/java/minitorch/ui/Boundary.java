package minitorch.ui;

import java.util.function.Function;

import minitorch.data.Graph;

/**
 * A model's probability of class 1 on a grid over the data's extent (the unit square, widened to every
 * point: the spiral reaches outside it), which the page paints under the points; and how many points the
 * model puts on the right side of 0.5.
 *
 * @param grid row r, column c is the probability at (lo + c * step, lo + r * step)
 */
public record Boundary(double lo, double hi, int size, double[][] grid, int correct) {

    /** Grid points per side: the original's (15 + 1), a little finer. */
    public static final int SIZE = 21;

    public static Boundary of(Graph data, Function<double[][], double[]> predict) {
        double lo = 0;
        double hi = 1;
        for (double[] p : data.x()) {
            lo = Math.min(lo, Math.min(p[0], p[1]));
            hi = Math.max(hi, Math.max(p[0], p[1]));
        }
        double[][] points = new double[SIZE * SIZE][];
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                points[r * SIZE + c] = new double[] {lo + (hi - lo) * c / (SIZE - 1), lo + (hi - lo) * r / (SIZE - 1)};
            }
        }
        double[] p = predict.apply(points);
        double[][] grid = new double[SIZE][SIZE];
        for (int r = 0; r < SIZE; r++) {
            System.arraycopy(p, r * SIZE, grid[r], 0, SIZE);
        }
        double[] atData = predict.apply(data.x());
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            // as the original counts: the right side of 0.5, strictly
            correct += (data.y(i) == 1 ? atData[i] > 0.5 : atData[i] < 0.5) ? 1 : 0;
        }
        return new Boundary(lo, hi, SIZE, grid, correct);
    }
}
