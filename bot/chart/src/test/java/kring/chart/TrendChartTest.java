package kring.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

class TrendChartTest {

  static final List<String> ROUNDS = List.of("1", "2", "3", "4");
  static final Map<String, List<OptionalDouble>> TREND = new LinkedHashMap<>();

  static {
    TREND.put("Communication", List.of(of(2.0), of(3.5), of(4.5), of(4.0)));
    TREND.put("Trust", List.of(of(4.8), OptionalDouble.empty(), of(1.2), of(2.5)));
  }

  static OptionalDouble of(double value) {
    return OptionalDouble.of(value);
  }

  @Test
  void writesAValidPngOfTheChartsSize() throws IOException {
    byte[] png = TrendChart.png("Trend", ROUNDS, TREND);

    assertThat(png).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(TrendChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(TrendChart.HEIGHT);
    // Small enough to travel inline in a Teams message (about 28 KB in all).
    assertThat(png.length).isLessThan(20_000);
  }

  /**
   * Each score is drawn where the axes put it: the pixel at (round, score) has its theme's colour,
   * and where a round had no score for a theme there is no point of that colour.
   */
  @Test
  void everyPointSitsAtItsRoundAndScoreInItsThemesColour() {
    ChartPixels.assertDraws(
        TrendChart.draw("Trend", ROUNDS, TREND, new ChartRenderingInfo()), "Trend", ROUNDS, TREND);
  }

  /** Two themes with the same scores are drawn side by side, neither hiding the other. */
  @Test
  void equalScoresStayVisibleSideBySide() {
    Map<String, List<OptionalDouble>> equal = new LinkedHashMap<>();
    equal.put("Communication", List.of(of(3.0), of(4.0)));
    equal.put("Trust", List.of(of(3.0), of(4.0)));
    List<String> rounds = List.of("1", "2");

    ChartPixels.assertDraws(
        TrendChart.draw("Trend", rounds, equal, new ChartRenderingInfo()), "Trend", rounds, equal);
  }

  /** The same after the picture was reduced to its palette and written as a PNG. */
  @Test
  void theEncodedPictureStillDrawsEveryPointInItsPlace() throws IOException {
    kring.core.reply.Chart chart = kring.testing.Samples.trendChart();
    byte[] png = TrendChart.fitting(chart, Integer.MAX_VALUE).orElseThrow();

    ChartPixels.assertDraws(ImageIO.read(new ByteArrayInputStream(png)), chart);
  }

  @Test
  void aHigherScoreIsDrawnHigher() {
    ChartRenderingInfo info = new ChartRenderingInfo();
    TrendChart.draw("Trend", ROUNDS, TREND, info);
    XYPlot plot = TrendChart.chart("Trend", ROUNDS, TREND).getXYPlot();
    Rectangle2D area = info.getPlotInfo().getDataArea();

    double low = plot.getRangeAxis().valueToJava2D(1.2, area, RectangleEdge.LEFT);
    double high = plot.getRangeAxis().valueToJava2D(4.8, area, RectangleEdge.LEFT);
    assertThat(high).isLessThan(low);
    assertThat(area.getMinY()).isLessThan(high);
    assertThat(low).isLessThan(area.getMaxY());
  }

  @Test
  void aChartIsDrawnSmallerToFitTheBytesAPlatformAllowsOrNotAtAll() throws IOException {
    kring.core.reply.Chart chart = kring.testing.Samples.trendChart();

    byte[] full = TrendChart.fitting(chart, Integer.MAX_VALUE).orElseThrow();
    byte[] smaller = TrendChart.fitting(chart, full.length - 1).orElseThrow();

    assertThat(ImageIO.read(new ByteArrayInputStream(full)).getWidth()).isEqualTo(TrendChart.WIDTH);
    assertThat(smaller.length).isLessThan(full.length);
    assertThat(ImageIO.read(new ByteArrayInputStream(smaller)).getWidth())
        .isLessThan(TrendChart.WIDTH);
    assertThat(TrendChart.fitting(chart, 500)).isEmpty();
  }
}
