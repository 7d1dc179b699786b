package minitorch.networks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Training curves: loss and accuracy series against epochs, drawn as two charts side by side in one
 * PNG (XChart, headless).
 */
public final class Curves {
    private final String title;
    private final Map<String, List<double[]>> loss = new LinkedHashMap<>();
    private final Map<String, List<double[]>> accuracy = new LinkedHashMap<>();

    public Curves(String title) { this.title = title; }

    public void addLoss(String series, double epoch, double value) {
        loss.computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {epoch, value});
    }

    /** Accuracy in percent. */
    public void addAccuracy(String series, double epoch, double percent) {
        accuracy.computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {epoch, percent});
    }

    /** Writes the PNG (creating its directory). */
    public void save(Path png) {
        System.setProperty("java.awt.headless", "true");
        XYChart lossChart = chart(title + ": loss", "loss", loss);
        XYChart accuracyChart = chart(title + ": accuracy", "accuracy (%)", accuracy);
        try {
            Path dir = png.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            String name = png.toString();
            String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
            BitmapEncoder.saveBitmap(List.of(lossChart, accuracyChart), 1, 2, base, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + png + ": " + e.getMessage(), e);
        }
    }

    private static XYChart chart(String title, String yTitle, Map<String, List<double[]>> series) {
        XYChart chart = new XYChartBuilder().width(640).height(420).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        for (var e : series.entrySet()) {
            List<double[]> points = e.getValue();
            if (points.isEmpty()) {
                continue;
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            chart.addSeries(e.getKey(), x, y);
        }
        return chart;
    }
}
