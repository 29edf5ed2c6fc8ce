package org.gossipbench.analysis.compare;

import java.util.List;

/**
 * A quantity compared across commits. A {@link Scale#RATIO} metric (times, rates) changes by a
 * factor, HEAD/BASE, and its noise is measured on log values; a {@link Scale#POINTS} metric (an
 * accuracy in [0, 1]) changes by a difference, in percentage points.
 *
 * @param name as printed, e.g. {@code median time}
 * @param unit of the values, e.g. {@code us}
 * @param lowerIsBetter whether a rise is a regression (times) or a fall is (accuracy, bandwidth)
 */
public record Metric(String name, String unit, Scale scale, boolean lowerIsBetter) {
  public enum Scale {
    RATIO,
    POINTS
  }

  /** A collective's time per iteration (the slowest rank's), median over the timed iterations. */
  public static final Metric COLLECTIVE_TIME = new Metric("median time", "us", Scale.RATIO, true);

  /** busbw (SPEC §5) of the slowest rank per iteration, median over the timed iterations. */
  public static final Metric BUS_BANDWIDTH = new Metric("busbw", "GB/s", Scale.RATIO, false);

  /** A training run's best evaluated accuracy. */
  public static final Metric BEST_ACCURACY = new Metric("best accuracy", "", Scale.POINTS, false);

  /** Elapsed training time until the target was first reached (runs that reached it only). */
  public static final Metric TIME_TO_TARGET = new Metric("time to target", "s", Scale.RATIO, true);

  /** Training samples per second over all nodes. */
  public static final Metric THROUGHPUT = new Metric("throughput", "samples/s", Scale.RATIO, false);

  public static List<Metric> all() {
    return List.of(COLLECTIVE_TIME, BUS_BANDWIDTH, BEST_ACCURACY, TIME_TO_TARGET, THROUGHPUT);
  }
}
