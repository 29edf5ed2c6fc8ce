package org.gossipbench.analysis;

import java.util.Arrays;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * The median of some runs' values with their range, by Commons Math. The median of an even count is
 * the mean of the middle two.
 *
 * @param count how many values
 */
public record Spread(int count, double median, double min, double max) {
  /**
   * @throws IllegalArgumentException when {@code values} is empty
   */
  public static Spread of(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    return new Spread(
        values.length, new Median().evaluate(values), StatUtils.min(values), StatUtils.max(values));
  }

  /**
   * MLPerf's "olympic" score (SPEC §6): drop the fastest and the slowest, average the rest. With
   * fewer than three values nothing can be dropped and it is the plain mean.
   *
   * @throws IllegalArgumentException when {@code values} is empty
   */
  public static double olympicMean(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length < 3
        ? StatUtils.mean(sorted)
        : StatUtils.mean(sorted, 1, sorted.length - 2);
  }
}
