package org.gossipbench.workloads.theory;

import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.gossipbench.results.TheoryFit;

/**
 * The least-squares line through (ln x, ln y), Apache Commons Math's {@link SimpleRegression}: a
 * power law y ∝ x^slope is a straight line there.
 *
 * @param slope the fitted exponent
 * @param intercept ln of the prefactor
 * @param r2 the coefficient of determination
 * @param points points fitted
 */
public record LogLogFit(double slope, double intercept, double r2, int points) {

  /**
   * @param xy pairs (x, y), both positive
   * @throws IllegalArgumentException with fewer than two points or a non-positive coordinate
   */
  public static LogLogFit of(List<double[]> xy) {
    if (!determinesSlope(xy)) {
      throw new IllegalArgumentException(
          "a slope needs two distinct x, got " + xy.size() + " points");
    }
    SimpleRegression r = new SimpleRegression();
    for (double[] p : xy) {
      if (!(p[0] > 0) || !(p[1] > 0)) {
        throw new IllegalArgumentException(
            "log-log fit needs positive values, got (" + p[0] + ", " + p[1] + ")");
      }
      r.addData(Math.log(p[0]), Math.log(p[1]));
    }
    return new LogLogFit(r.getSlope(), r.getIntercept(), r.getRSquare(), xy.size());
  }

  /** Whether {@code xy} determines a slope: at least two distinct x. */
  public static boolean determinesSlope(List<double[]> xy) {
    return xy.stream().mapToDouble(p -> p[0]).distinct().count() >= 2;
  }

  /** The fit as a row; its check's wall time is 0 until {@link TheoryChecks#run} stamps it. */
  public TheoryFit toFit(
      String check,
      String quantity,
      String algorithm,
      String topology,
      double predictedSlope,
      String relation) {
    return new TheoryFit(
        check,
        quantity,
        algorithm,
        topology,
        slope,
        predictedSlope,
        relation,
        r2,
        intercept,
        points,
        0);
  }
}
