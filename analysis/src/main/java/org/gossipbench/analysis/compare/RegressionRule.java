package org.gossipbench.analysis.compare;

import java.util.Locale;
import org.gossipbench.analysis.NumberText;

/**
 * When a change between two commits is a regression. The noise σ of a configuration's metric is
 * measured, never assumed: the pooled standard deviation of its runs within each commit that has at
 * least two runs (the repeats of one commit; {@link Noise}), on log values for {@link
 * Metric.Scale#RATIO} metrics and in points for {@link Metric.Scale#POINTS} metrics. The change
 * (HEAD/BASE of the medians, or HEAD − BASE in points) gets the 95 % interval
 *
 * <pre>  d ± t(0.975, df) · σ · √(1/n_base + 1/n_head)</pre>
 *
 * with d the difference of the two sides' mean (log) values and df the noise's degrees of freedom,
 * exponentiated for ratio metrics. A change is flagged only when that whole interval lies beyond
 * the floor on the worse side: above 1 + {@link #ratioFloor} for a time, below 1/(1 + floor) for a
 * rate, below −{@link #pointsFloor} points for an accuracy. So a change is flagged when it exceeds
 * the floor by more than t·σ·√(…), the measured noise scaled to the number of runs; without two
 * runs of some commit there is no σ, no interval and no flag. The floors keep a real but tiny
 * change (under 5 %, under a point) from failing a build when the repeats agree closely.
 *
 * @param ratioFloor the smallest relative change ever flagged, 0.05 for 5 %
 * @param pointsFloor the smallest accuracy drop ever flagged, in points
 */
public record RegressionRule(double ratioFloor, double pointsFloor) {
  public static final RegressionRule DEFAULT = new RegressionRule(0.05, 1);

  /** The floor as a change: a ratio above 1 for ratio metrics, points above 0 for points ones. */
  public double threshold(Metric metric) {
    return metric.scale() == Metric.Scale.RATIO ? 1 + ratioFloor : pointsFloor;
  }

  /** Whether the interval [low, high] of the change lies wholly on the worse side of the floor. */
  public boolean regression(Metric metric, double low, double high) {
    if (Double.isNaN(low) || Double.isNaN(high)) {
      return false;
    }
    double threshold = threshold(metric);
    if (metric.scale() == Metric.Scale.POINTS) {
      return metric.lowerIsBetter() ? low > threshold : high < -threshold;
    }
    return metric.lowerIsBetter() ? low > threshold : high < 1 / threshold;
  }

  /** The rule in one paragraph, as the page and {@code compare} print it. */
  public String text() {
    return String.format(
        Locale.ROOT,
        "Rule: a change is flagged as a regression only when its whole 95%% confidence interval"
            + " lies beyond the floor on the worse side; floors: %s%% for times and rates, %s"
            + " point(s) for accuracy. The interval is d ± t(0.975, df)·σ·√(1/n_base + 1/n_head),"
            + " d the difference of the mean values (of logs for times and rates, exponentiated"
            + " into a HEAD/BASE ratio; in points for accuracy), σ the measured run-to-run noise:"
            + " the pooled standard deviation of the repeated runs of one commit, with df its"
            + " degrees of freedom. The change shown is the ratio (or difference) of the medians."
            + " Without a commit with two runs there is no σ and nothing is flagged.",
        NumberText.roundTrip(ratioFloor * 100),
        NumberText.roundTrip(pointsFloor));
  }
}
