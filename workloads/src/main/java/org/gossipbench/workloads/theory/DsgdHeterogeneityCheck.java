package org.gossipbench.workloads.theory;

import java.util.ArrayList;
import java.util.List;
import org.gossipbench.results.TheoryPoint;

/**
 * {@code dsgd-b2}: DSGD's steady-state error at a constant step on a fixed ring, for several
 * heterogeneities b². The error is a noise floor (b = 0) plus the heterogeneity bias, which the
 * linear recursion makes exactly proportional to b² (SPEC &sect;4's b² term); the fit is the
 * log-log slope of the error above the floor against b², predicted 1. Each point carries the exact
 * steady state of {@link QuadraticTheory#dsgd}.
 */
final class DsgdHeterogeneityCheck implements TheoryCheck {
  static final String QUANTITY = "log(error - error at b2=0) vs log(b2)";

  @Override
  public String name() {
    return "dsgd-b2";
  }

  @Override
  public String description() {
    return "DSGD's steady-state error above its b2 = 0 floor grows as b2 (slope 1) on a fixed ring";
  }

  @Override
  public List<String> tableColumns() {
    return List.of(
        "algorithm", "topology", "n", "b2", "measured", "exact", "measured/exact", "above floor");
  }

  @Override
  public TheoryReport run(TheorySettings settings) {
    HeterogeneitySweep sweep = HeterogeneitySweep.of(settings.quick());
    List<TheoryPoint> points = new ArrayList<>();
    for (double b : sweep.bs()) {
      points.add(sweep.setup(name(), "dsgd", b).measure(settings.seed(), 1));
    }
    double floor = points.get(0).measuredError();
    List<double[]> xy = new ArrayList<>();
    for (TheoryPoint p : points.subList(1, points.size())) {
      xy.add(new double[] {p.b2(), p.measuredError() - floor});
    }
    return new TheoryReport(
        points,
        List.of(
            LogLogFit.of(xy).toFit(name(), QUANTITY, "dsgd", points.get(0).topology(), 1.0, "=")));
  }
}
