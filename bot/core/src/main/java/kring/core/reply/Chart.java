package kring.core.reply;

import java.util.List;
import kring.core.i18n.BidiControls;

/**
 * A line chart of scores on the 1–5 scale over a few rounds, drawn by each platform as a picture
 * where it can show one. It carries the figures, not the picture, so that a message waiting in the
 * outbox stays small; the reply's text always holds the same figures as well, so a platform (or a
 * reader) without the picture misses nothing.
 *
 * @param title shown above the chart
 * @param alt what the chart shows, in words, for screen readers
 * @param labels the label of each round, oldest first
 * @param series one line each, with one value per label
 */
public record Chart(String title, String alt, List<String> labels, List<Series> series)
    implements Block {

  /** At most this many rounds: a case keeps its last 20 reflection rounds. */
  public static final int MAX_LABELS = 20;

  /** At most this many lines: one per reflection theme, each in its own colour. */
  public static final int MAX_SERIES = 6;

  /** Titles, alt text and labels stay short; Slack refuses an alt text over 1000 characters. */
  public static final int MAX_TEXT = 500;

  public static final double LOWEST = 1;
  public static final double HIGHEST = 5;

  public Chart {
    if (title == null || alt == null || labels == null || series == null) {
      throw new IllegalArgumentException("A chart needs a title, alt text, labels and lines");
    }
    title = BidiControls.strip(title);
    alt = BidiControls.strip(alt);
    labels = labels.stream().map(BidiControls::strip).toList();
    series = List.copyOf(series);
    if (labels.isEmpty() || labels.size() > MAX_LABELS) {
      throw new IllegalArgumentException("A chart shows 1-" + MAX_LABELS + " rounds");
    }
    if (series.isEmpty() || series.size() > MAX_SERIES) {
      throw new IllegalArgumentException("A chart draws 1-" + MAX_SERIES + " lines");
    }
    if (title.length() > MAX_TEXT
        || alt.length() > MAX_TEXT
        || labels.stream().anyMatch(l -> l == null || l.length() > 20)) {
      throw new IllegalArgumentException("A chart's words stay short");
    }
    for (Series line : series) {
      if (line.values().size() != labels.size()) {
        throw new IllegalArgumentException("One value per round for " + line.name());
      }
    }
  }

  /**
   * One line of the chart.
   *
   * @param name what it stands for (a theme, in the reader's language)
   * @param values one per round, from {@link #LOWEST} to {@link #HIGHEST}; null where that round
   *     has no value (the line has a gap)
   */
  public record Series(String name, List<Double> values) {

    public Series {
      if (name == null || name.isBlank() || name.length() > 100 || values == null) {
        throw new IllegalArgumentException("A line needs a short name and its values");
      }
      name = BidiControls.strip(name);
      // Not List.copyOf: a gap is a null value.
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
      for (Double value : values) {
        if (value != null && !(value >= LOWEST && value <= HIGHEST)) {
          throw new IllegalArgumentException("Scores run from " + LOWEST + " to " + HIGHEST);
        }
      }
    }
  }
}
