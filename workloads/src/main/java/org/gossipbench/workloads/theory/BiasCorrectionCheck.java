package org.gossipbench.workloads.theory;

import java.util.ArrayList;
import java.util.List;
import org.gossipbench.results.TheoryFit;
import org.gossipbench.results.TheoryPoint;

/**
 * {@code gt-b2}: gradient tracking and exact diffusion at {@code dsgd-b2}'s heterogeneities, step
 * and seed. Both correct the bias, so SPEC &sect;4 drops the b² term from their rates: the log-log
 * slope of the steady-state error itself against b² is predicted 0.
 */
final class BiasCorrectionCheck implements TheoryCheck {
  static final List<String> ALGORITHMS = List.of("gradient-tracking", "exact-diffusion");
  static final String QUANTITY = "log(error) vs log(b2)";

  @Override
  public String name() {
    return "gt-b2";
  }

  @Override
  public String description() {
    return "gradient tracking's and exact diffusion's steady-state error does not depend on b2"
        + " (slope 0)";
  }

  @Override
  public List<String> tableColumns() {
    return List.of("algorithm", "topology", "n", "b2", "measured", "above floor");
  }

  @Override
  public TheoryReport run(TheorySettings settings) {
    HeterogeneitySweep sweep = HeterogeneitySweep.of(settings.quick());
    List<TheoryPoint> points = new ArrayList<>();
    List<TheoryFit> fits = new ArrayList<>();
    for (String algorithm : ALGORITHMS) {
      List<double[]> xy = new ArrayList<>();
      String topology = null;
      for (double b : sweep.bs()) {
        TheoryPoint p = sweep.setup(name(), algorithm, b).measure(settings.seed(), 1);
        points.add(p);
        topology = p.topology();
        if (b > 0) {
          xy.add(new double[] {p.b2(), p.measuredError()});
        }
      }
      fits.add(LogLogFit.of(xy).toFit(name(), QUANTITY, algorithm, topology, 0.0, "="));
    }
    return new TheoryReport(points, fits);
  }
}
