package kring.chart;

import java.util.Optional;
import kring.core.reply.Chart;

/** Draws a reply's chart as a picture for a platform that shows one, within its size limit. */
@FunctionalInterface
public interface Pictures {

  /** The chart as a PNG of at most {@code maxBytes}, or empty when it cannot be that small. */
  Optional<byte[]> png(Chart chart, int maxBytes);

  /** Drawn with JFreeChart ({@link TrendChart}). */
  Pictures DRAWN = TrendChart::fitting;
}
