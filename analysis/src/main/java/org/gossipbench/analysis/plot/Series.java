package org.gossipbench.analysis.plot;

import java.util.List;

/**
 * One line or one set of bars of a plot. A numeric series has {@code x}; a bar series has {@code
 * categories} instead (then {@code x} is empty). A value that is missing is {@code NaN}.
 *
 * @param reference drawn dashed and without markers: a model line (linear speed-up, a prediction),
 *     not a measurement
 */
public record Series(
    String name, double[] x, List<String> categories, double[] y, boolean reference) {
  public Series {
    categories = List.copyOf(categories);
    int points = categories.isEmpty() ? x.length : categories.size();
    if (y.length != points) {
      throw new IllegalArgumentException(
          "series '" + name + "' has " + points + " x values and " + y.length + " y values");
    }
  }

  /** A measured line through (x, y). */
  public static Series line(String name, double[] x, double[] y) {
    return new Series(name, x, List.of(), y, false);
  }

  /** A model line, drawn dashed. */
  public static Series reference(String name, double[] x, double[] y) {
    return new Series(name, x, List.of(), y, true);
  }

  /** Bars, one per category. */
  public static Series bars(String name, List<String> categories, double[] y) {
    return new Series(name, new double[0], categories, y, false);
  }

  public int size() {
    return y.length;
  }
}
