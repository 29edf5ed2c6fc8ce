package org.gossipbench.analysis.compare;

import java.util.Collection;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/**
 * Run-to-run noise of one metric: the pooled standard deviation of repeated runs within commits,
 * Σ(nᵢ − 1)·sᵢ² / Σ(nᵢ − 1), on {@link #transform transformed} values.
 *
 * @param sigma NaN when no commit has two runs
 * @param degreesOfFreedom Σ(nᵢ − 1)
 */
public record Noise(double sigma, int degreesOfFreedom) {
  public static final Noise UNMEASURED = new Noise(Double.NaN, 0);

  /** {@code groups}: per commit, the runs' raw values. */
  public static Noise pooled(Metric metric, Collection<double[]> groups) {
    double sum = 0;
    int df = 0;
    for (double[] raw : groups) {
      if (raw.length < 2) {
        continue;
      }
      sum += (raw.length - 1) * new Variance().evaluate(transform(metric, raw));
      df += raw.length - 1;
    }
    return df == 0 ? UNMEASURED : new Noise(Math.sqrt(sum / df), df);
  }

  /** Log values for ratio metrics (times spread by factors), points (×100) for accuracies. */
  public static double[] transform(Metric metric, double[] raw) {
    double[] t = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      t[i] = metric.scale() == Metric.Scale.RATIO ? Math.log(raw[i]) : raw[i] * 100;
    }
    return t;
  }
}
