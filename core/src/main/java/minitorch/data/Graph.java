package minitorch.data;

import java.util.Arrays;

/**
 * A labelled set of 2-D points, the original's {@code Graph(N, X, y)}: {@code x[i]} is the point
 * {@code (x_1, x_2)} and {@code y[i]} its class, 0 or 1. {@code n} is the size that was asked for; it can
 * exceed the number of points (the original's spiral of an odd N has N - 1 points).
 */
public record Graph(String name, int n, double[][] x, int[] y) {

    public Graph {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Graph " + name + ": " + x.length + " points but " + y.length + " labels");
        }
        x = Arrays.stream(x).map(double[]::clone).toArray(double[][]::new);
        y = y.clone();
    }

    /** The number of points actually present. */
    public int size() { return y.length; }

    @Override
    public double[][] x() { return Arrays.stream(x).map(double[]::clone).toArray(double[][]::new); }

    @Override
    public int[] y() { return y.clone(); }

    /** Coordinate {@code d} (0 or 1) of point {@code i}. */
    public double x(int i, int d) { return x[i][d]; }

    /** The class of point {@code i}. */
    public int y(int i) { return y[i]; }

    @Override
    public String toString() {
        return "Graph[" + name + ", n=" + n + ", " + size() + " points]";
    }
}
