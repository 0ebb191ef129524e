package kring.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import kring.core.reply.Chart;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The trend of each theme's score (1–5) over a case's reflection rounds as a small PNG line chart:
 * one line per theme, a round without a score left as a gap, points of one round set a little apart
 * so that equal scores stay visible. Small enough for Teams' message limit as an inline image.
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

  /**
   * A palette of 256 colours, so that the PNG stores a byte per pixel and compresses well (about a
   * third of full colour, which matters for a picture inside a Teams message): the lines' colours
   * with their blends into white for smooth edges, greys for the text and grid, and a colour cube
   * for anything else.
   */
  static final IndexColorModel PALETTE = palette();

  private static IndexColorModel palette() {
    List<Color> colours = new ArrayList<>();
    for (int grey = 0; grey <= 255; grey += 17) {
      colours.add(new Color(grey, grey, grey));
    }
    for (Color line : COLOURS) {
      for (int step = 0; step < 4; step++) {
        colours.add(blend(line, Color.WHITE, step / 4.0));
      }
    }
    for (int r = 0; r < 6 && colours.size() < 256; r++) {
      for (int g = 0; g < 6 && colours.size() < 256; g++) {
        for (int b = 0; b < 6 && colours.size() < 256; b++) {
          colours.add(new Color(r * 51, g * 51, b * 51));
        }
      }
    }
    return model(colours);
  }

  private static IndexColorModel model(List<Color> colours) {
    byte[] red = new byte[colours.size()];
    byte[] green = new byte[colours.size()];
    byte[] blue = new byte[colours.size()];
    for (int i = 0; i < colours.size(); i++) {
      red[i] = (byte) colours.get(i).getRed();
      green[i] = (byte) colours.get(i).getGreen();
      blue[i] = (byte) colours.get(i).getBlue();
    }
    return new IndexColorModel(8, colours.size(), red, green, blue);
  }

  private static Color blend(Color a, Color b, double towardsB) {
    return new Color(
        (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * towardsB),
        (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * towardsB),
        (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * towardsB));
  }

  /** The rounds' and scores' labels: as large as the legend's, so they stay legible. */
  static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  /** Smaller sizes tried in turn when a platform allows only so many bytes. */
  static final int[][] SIZES = {{WIDTH, HEIGHT}, {480, 240}, {400, 200}};

  private TrendChart() {}

  /**
   * A reply's chart as a PNG of at most {@code maxBytes}: drawn at full size, else smaller, else
   * not at all (the reply's text carries the same figures).
   */
  public static Optional<byte[]> fitting(Chart chart, int maxBytes) {
    Map<String, List<OptionalDouble>> series = series(chart);
    for (int[] size : SIZES) {
      byte[] png =
          encode(draw(chart.title(), chart.labels(), series, new ChartRenderingInfo(), size));
      if (png.length <= maxBytes) {
        return Optional.of(png);
      }
    }
    return Optional.empty();
  }

  /** A reply's lines by name, a round without a score as an empty value. */
  static Map<String, List<OptionalDouble>> series(Chart chart) {
    Map<String, List<OptionalDouble>> series = new LinkedHashMap<>();
    for (Chart.Series line : chart.series()) {
      series.put(
          line.name(),
          line.values().stream()
              .map(v -> v == null ? OptionalDouble.empty() : OptionalDouble.of(v))
              .toList());
    }
    return series;
  }

  /**
   * The chart as PNG bytes.
   *
   * @param title shown above the chart
   * @param rounds the label of each round, oldest first
   * @param series by name (a theme, in the reader's language), one score per round
   */
  public static byte[] png(
      String title, List<String> rounds, Map<String, List<OptionalDouble>> series) {
    return encode(draw(title, rounds, series, new ChartRenderingInfo()));
  }

  /**
   * The image with a byte per pixel: its own colours when it has at most 256 (nothing changes),
   * else each pixel in the nearest colour of {@link #PALETTE}, which holds the lines' colours
   * exactly.
   */
  static BufferedImage indexed(BufferedImage rgb) {
    int width = rgb.getWidth();
    int height = rgb.getHeight();
    int[] pixels = rgb.getRGB(0, 0, width, height, null, 0, width);
    Map<Integer, Integer> own = new LinkedHashMap<>();
    for (int pixel : pixels) {
      own.putIfAbsent(pixel & 0xFFFFFF, own.size());
      if (own.size() > 256) {
        break;
      }
    }
    IndexColorModel model = own.size() <= 256 ? model(own.keySet()) : PALETTE;
    Map<Integer, Integer> index = new HashMap<>();
    byte[] raster = new byte[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      raster[i] = (byte) (int) index.computeIfAbsent(pixels[i] & 0xFFFFFF, c -> nearest(model, c));
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, model);
    out.getRaster().setDataElements(0, 0, width, height, raster);
    return out;
  }

  private static IndexColorModel model(java.util.Collection<Integer> rgbs) {
    List<Color> colours = rgbs.stream().map(Color::new).toList();
    return model(colours);
  }

  private static int nearest(IndexColorModel model, int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    int best = 0;
    int bestDistance = Integer.MAX_VALUE;
    for (int i = 0; i < model.getMapSize(); i++) {
      int dr = model.getRed(i) - r;
      int dg = model.getGreen(i) - g;
      int db = model.getBlue(i) - b;
      int distance = dr * dr + dg * dg + db * db;
      if (distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static byte[] encode(BufferedImage image) {
    image = indexed(image);
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
    return draw(title, rounds, series, info, SIZES[0]);
  }

  private static BufferedImage draw(
      String title,
      List<String> rounds,
      Map<String, List<OptionalDouble>> series,
      ChartRenderingInfo info,
      int[] size) {
    JFreeChart chart = chart(title, rounds, series);
    BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      chart.draw(g, new Rectangle2D.Double(0, 0, size[0], size[1]), info);
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * How far apart the lines' points of one round are, in rounds: enough that two themes with the
   * same score in the same round both stay visible, too little to read as another round.
   */
  static final double DODGE = 0.035;

  /**
   * Where the point of line {@code line} (of {@code lines}) in round {@code round} (from 0) sits on
   * the round axis: the round's own place, moved a little per line so points never hide each other.
   */
  static double x(int round, int line, int lines) {
    return round + (line - (lines - 1) / 2.0) * DODGE;
  }

  static JFreeChart chart(
      String title, List<String> rounds, Map<String, List<OptionalDouble>> series) {
    if (series.size() > COLOURS.size()) {
      throw new IllegalArgumentException("At most " + COLOURS.size() + " lines");
    }
    XYSeriesCollection data = new XYSeriesCollection();
    int line = 0;
    for (Map.Entry<String, List<OptionalDouble>> theme : series.entrySet()) {
      List<OptionalDouble> values = theme.getValue();
      if (values.size() != rounds.size()) {
        throw new IllegalArgumentException("One value per round for " + theme.getKey());
      }
      XYSeries points = new XYSeries(theme.getKey(), false, true);
      for (int round = 0; round < values.size(); round++) {
        OptionalDouble value = values.get(round);
        // A round without a score is a gap: no point, and no line through it.
        points.add(x(round, line, series.size()), value.isPresent() ? value.getAsDouble() : null);
      }
      data.addSeries(points);
      line++;
    }
    SymbolAxis roundAxis = new SymbolAxis(null, rounds.toArray(String[]::new));
    roundAxis.setTickLabelFont(LABELS);
    roundAxis.setGridBandsVisible(false);
    roundAxis.setRange(-0.5, rounds.size() - 0.5);
    NumberAxis scores = new NumberAxis();
    scores.setTickLabelFont(LABELS);
    scores.setRange(0.8, 5.2);
    scores.setTickUnit(new NumberTickUnit(1));
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < series.size(); i++) {
      lines.setSeriesPaint(i, COLOURS.get(i));
      lines.setSeriesStroke(i, new BasicStroke(2.5f));
      lines.setSeriesShape(i, new Ellipse2D.Double(-5, -5, 10, 10));
    }
    XYPlot plot = new XYPlot(data, roundAxis, scores, lines);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    return chart;
  }
}
