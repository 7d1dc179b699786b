package minitorch.train;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import minitorch.data.Graph;

/**
 * The picture the original's training page shows: the data set over the model's decision boundary (the
 * predicted probability shaded in five bands, and the 0.5 contour as a line), next to the loss curve.
 * Drawn with XChart, headless, into one PNG.
 */
public final class DecisionPlot {
    private DecisionPlot() {}

    private static final int GRID = 60;
    private static final Color CLASS0 = new Color(0x69bac9); // the original's colours
    private static final Color CLASS1 = new Color(0xea8484);

    /**
     * Writes the picture to {@code file}.
     *
     * @param predict the model's probability of class 1 for each of a batch of points
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, String title, Graph data, Function<double[][], double[]> predict,
                             List<Double> losses) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage left = BitmapEncoder.getBufferedImage(boundaryChart(title, data, predict));
        BufferedImage right = BitmapEncoder.getBufferedImage(lossChart(losses));
        BufferedImage both = new BufferedImage(left.getWidth() + right.getWidth(),
                Math.max(left.getHeight(), right.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(both, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + file + ": " + e.getMessage(), e);
        }
    }

    static XYChart boundaryChart(String title, Graph data, Function<double[][], double[]> predict) {
        XYChart chart = new XYChartBuilder().width(620).height(560).title(title)
                .xAxisTitle("x_1").yAxisTitle("x_2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);

        // The view covers [0, 1]^2 and every point (the spiral reaches outside the unit square).
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < data.size(); i++) {
            lo = Math.min(lo, Math.min(data.x(i, 0), data.x(i, 1)));
            hi = Math.max(hi, Math.max(data.x(i, 0), data.x(i, 1)));
        }
        double pad = 0.03 * (hi - lo);
        lo -= pad;
        hi += pad;
        chart.getStyler().setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(lo).setYAxisMax(hi);
        chart.getStyler().setMarkerSize(11);

        double[] ticks = new double[GRID + 1];
        for (int k = 0; k <= GRID; k++) {
            ticks[k] = lo + (hi - lo) * k / GRID;
        }
        double[][] grid = new double[(GRID + 1) * (GRID + 1)][];
        for (int r = 0; r <= GRID; r++) {
            for (int c = 0; c <= GRID; c++) {
                grid[r * (GRID + 1) + c] = new double[] {ticks[c], ticks[r]};
            }
        }
        double[] p = predict.apply(grid);

        // Five bands of predicted probability, from sure-class-0 to sure-class-1.
        double[] edges = {0.2, 0.4, 0.6, 0.8, Double.POSITIVE_INFINITY};
        Color[] shades = {blend(CLASS0, 0.45), blend(CLASS0, 0.22), blend(Color.LIGHT_GRAY, 0.15),
                blend(CLASS1, 0.22), blend(CLASS1, 0.45)};
        for (int band = 0; band < edges.length; band++) {
            List<Double> bx = new ArrayList<>();
            List<Double> by = new ArrayList<>();
            double lower = band == 0 ? Double.NEGATIVE_INFINITY : edges[band - 1];
            for (int k = 0; k < grid.length; k++) {
                if (p[k] >= lower && p[k] < edges[band]) {
                    bx.add(grid[k][0]);
                    by.add(grid[k][1]);
                }
            }
            if (!bx.isEmpty()) {
                XYSeries s = chart.addSeries("p band " + band, bx, by);
                s.setMarker(SeriesMarkers.SQUARE).setMarkerColor(shades[band]);
                s.setShowInLegend(false);
            }
        }

        List<Double> cx = new ArrayList<>();
        List<Double> cy = new ArrayList<>();
        contour(ticks, p, 0.5, cx, cy);
        if (!cx.isEmpty()) {
            XYSeries s = chart.addSeries("p = 0.5", cx, cy);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE).setLineColor(Color.DARK_GRAY);
        }

        for (int cls = 0; cls <= 1; cls++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.y(i) == cls) {
                    xs.add(data.x(i, 0));
                    ys.add(data.x(i, 1));
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries("class " + cls, xs, ys);
                s.setMarker(cls == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.CROSS)
                        .setMarkerColor(cls == 0 ? CLASS0.darker() : CLASS1.darker());
            }
        }
        return chart;
    }

    static XYChart lossChart(List<Double> losses) {
        XYChart chart = new XYChartBuilder().width(480).height(560).title("Loss")
                .xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax((double) Math.max(1, losses.size()));
        chart.getStyler().setXAxisDecimalPattern("#");
        double[] epochs = new double[losses.size()];
        double[] values = new double[losses.size()];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
            values[i] = losses.get(i);
        }
        XYSeries s = chart.addSeries("loss", epochs, values);
        s.setMarker(SeriesMarkers.NONE).setLineColor(new Color(0x3060a0));
        return chart;
    }

    /**
     * Marching squares: the segments where the grid values cross {@code level}, appended to xs/ys as
     * pairs of points separated by NaN, which XChart draws as gaps.
     */
    static void contour(double[] ticks, double[] values, double level, List<Double> xs, List<Double> ys) {
        int n = ticks.length;
        for (int r = 0; r + 1 < n; r++) {
            for (int c = 0; c + 1 < n; c++) {
                // Corners counter-clockwise from bottom-left, and the edges between consecutive corners.
                double[][] corner = {{ticks[c], ticks[r]}, {ticks[c + 1], ticks[r]},
                        {ticks[c + 1], ticks[r + 1]}, {ticks[c], ticks[r + 1]}};
                double[] v = {values[r * n + c], values[r * n + c + 1], values[(r + 1) * n + c + 1],
                        values[(r + 1) * n + c]};
                List<double[]> crossings = new ArrayList<>(4);
                for (int e = 0; e < 4; e++) {
                    double a = v[e] - level;
                    double b = v[(e + 1) % 4] - level;
                    if ((a < 0) != (b < 0)) {
                        double t = a / (a - b);
                        double[] p0 = corner[e];
                        double[] p1 = corner[(e + 1) % 4];
                        crossings.add(new double[] {p0[0] + t * (p1[0] - p0[0]), p0[1] + t * (p1[1] - p0[1])});
                    }
                }
                for (int k = 0; k + 1 < crossings.size(); k += 2) {
                    xs.add(crossings.get(k)[0]);
                    ys.add(crossings.get(k)[1]);
                    xs.add(crossings.get(k + 1)[0]);
                    ys.add(crossings.get(k + 1)[1]);
                    xs.add(Double.NaN);
                    ys.add(Double.NaN);
                }
            }
        }
    }

    /** {@code color} mixed with white, {@code amount} of the colour. */
    private static Color blend(Color color, double amount) {
        return new Color(mix(color.getRed(), amount), mix(color.getGreen(), amount), mix(color.getBlue(), amount));
    }

    private static int mix(int channel, double amount) {
        return (int) Math.round(255 - (255 - channel) * amount);
    }
}
