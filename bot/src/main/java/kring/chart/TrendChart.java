package kring.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The trend of each theme's score (1–5) over a case's reflection rounds as a small PNG line chart:
 * one line per theme, a round without a score left as a gap. Small enough for Teams' message limit
 * as an inline image.
 */
public final class TrendChart {

  static final int WIDTH = 640;
  static final int HEIGHT = 320;

  /** Colours that stay apart for people with the common colour-vision deficiencies (Okabe–Ito). */
  static final List<Color> COLOURS =
      List.of(
          new Color(0x0072B2),
          new Color(0xE69F00),
          new Color(0x009E73),
          new Color(0xCC79A7),
          new Color(0x56B4E9),
          new Color(0xD55E00));

  private TrendChart() {}

  /**
   * The chart as PNG bytes.
   *
   * @param title shown above the chart
   * @param rounds the label of each round, oldest first
   * @param series by name (a theme, in the reader's language), one score per round
   */
  public static byte[] png(
      String title, List<String> rounds, Map<String, List<OptionalDouble>> series) {
    BufferedImage image = draw(title, rounds, series, new ChartRenderingInfo());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  /** Draws the chart; {@code info} learns where the data area is (tests read points back). */
  static BufferedImage draw(
      String title,
      List<String> rounds,
      Map<String, List<OptionalDouble>> series,
      ChartRenderingInfo info) {
    JFreeChart chart = chart(title, rounds, series);
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT), info);
    } finally {
      g.dispose();
    }
    return image;
  }

  static JFreeChart chart(
      String title, List<String> rounds, Map<String, List<OptionalDouble>> series) {
    if (series.size() > COLOURS.size()) {
      throw new IllegalArgumentException("At most " + COLOURS.size() + " lines");
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    series.forEach(
        (name, values) -> {
          if (values.size() != rounds.size()) {
            throw new IllegalArgumentException("One value per round for " + name);
          }
          for (int i = 0; i < values.size(); i++) {
            OptionalDouble value = values.get(i);
            data.addValue(value.isPresent() ? value.getAsDouble() : null, name, rounds.get(i));
          }
        });
    CategoryPlot plot = new CategoryPlot();
    plot.setDataset(data);
    plot.setDomainAxis(new CategoryAxis());
    NumberAxis scores = new NumberAxis();
    scores.setRange(0.8, 5.2);
    scores.setTickUnit(new NumberTickUnit(1));
    plot.setRangeAxis(scores);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
    for (int i = 0; i < series.size(); i++) {
      lines.setSeriesPaint(i, COLOURS.get(i));
      lines.setSeriesStroke(i, new BasicStroke(2.5f));
      lines.setSeriesShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
    }
    plot.setRenderer(lines);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    return chart;
  }
}
