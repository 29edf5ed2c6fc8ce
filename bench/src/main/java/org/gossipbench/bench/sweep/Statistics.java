package org.gossipbench.bench.sweep;

import java.util.Arrays;

/** Summary statistics of timed iterations (SPEC §5: report the median, with min and max). */
public final class Statistics {
  private Statistics() {}

  /**
   * The median of {@code values} (the mean of the middle two for an even count); values is not
   * changed.
   */
  public static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
