package kring.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import kring.core.reply.Chart;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Reads a trend chart's picture back against the figures it should show, wherever the picture came
 * from: the pixel at each (round, score) has its line's colour, and where a round had no score for
 * a line there is no point of that colour. The positions come from the axes of the same chart drawn
 * at full size, so the picture must be full size too.
 */
public final class ChartPixels {

  private ChartPixels() {}

  /** Asserts that {@code image} draws the figures of {@code chart}. */
  public static void assertDraws(BufferedImage image, Chart chart) {
    assertDraws(image, chart.title(), chart.labels(), TrendChart.series(chart));
  }

  /** Asserts that {@code image} draws these lines over these rounds, under this title. */
  public static void assertDraws(
      BufferedImage image,
      String title,
      List<String> rounds,
      Map<String, List<OptionalDouble>> series) {
    assertThat(image.getWidth()).as("width").isEqualTo(TrendChart.WIDTH);
    assertThat(image.getHeight()).as("height").isEqualTo(TrendChart.HEIGHT);
    ChartRenderingInfo info = new ChartRenderingInfo();
    TrendChart.draw(title, rounds, series, info);
    XYPlot plot = TrendChart.chart(title, rounds, series).getXYPlot();
    Rectangle2D area = info.getPlotInfo().getDataArea();

    int line = 0;
    for (Map.Entry<String, List<OptionalDouble>> theme : series.entrySet()) {
      Color colour = TrendChart.COLOURS.get(line++);
      for (int round = 0; round < rounds.size(); round++) {
        int x =
            (int)
                Math.round(
                    plot.getDomainAxis()
                        .valueToJava2D(
                            TrendChart.x(round, line - 1, series.size()),
                            area,
                            RectangleEdge.BOTTOM));
        OptionalDouble score = theme.getValue().get(round);
        if (score.isPresent()) {
          int y =
              (int)
                  Math.round(
                      plot.getRangeAxis()
                          .valueToJava2D(score.getAsDouble(), area, RectangleEdge.LEFT));
          assertThat(new Color(image.getRGB(x, y)))
              .as("%s in %s at (%d, %d)", theme.getKey(), rounds.get(round), x, y)
              .isEqualTo(colour);
        } else {
          for (int y = (int) area.getMinY(); y < area.getMaxY(); y++) {
            assertThat(near(new Color(image.getRGB(x, y)), colour))
                .as("no %s point in %s", theme.getKey(), rounds.get(round))
                .isFalse();
          }
        }
      }
    }
  }

  private static boolean near(Color a, Color b) {
    return Math.abs(a.getRed() - b.getRed()) < 8
        && Math.abs(a.getGreen() - b.getGreen()) < 8
        && Math.abs(a.getBlue() - b.getBlue()) < 8;
  }
}
