package org.gossipbench.workloads.theory;

import java.util.ArrayList;
import java.util.List;
import org.gossipbench.results.TheoryPoint;

/**
 * {@code psgd-n}: PSGD's steady-state error at one fixed step for n = 2 … 64. Averaging n
 * independent gradients divides their noise variance by n, so the error falls as 1/n (SPEC
 * &sect;4's σ/√(nT) term, linear speedup): predicted log-log slope −1, and n·error constant.
 * Heterogeneity does not enter PSGD's error at all; b = 1 shows it.
 */
final class PsgdSpeedupCheck implements TheoryCheck {
  static final String QUANTITY = "log(error) vs log(n)";
  private static final double STEP = 0.1;
  private static final int SETTLE = 100;

  @Override
  public String name() {
    return "psgd-n";
  }

  @Override
  public String description() {
    return "PSGD's steady-state error at a fixed step falls as 1/n (slope -1: linear speedup)";
  }

  @Override
  public List<String> tableColumns() {
    return List.of("algorithm", "n", "measured", "exact", "measured/exact", "n*measured");
  }

  @Override
  public TheoryReport run(TheorySettings settings) {
    List<Integer> sizes = settings.quick() ? List.of(2, 4, 8, 16) : List.of(2, 4, 8, 16, 32, 64);
    // coordinates are independent replicas: many of them make the average tight at no extra
    // communication
    int dimension = 200;
    int tail = settings.quick() ? 1000 : 2000;
    List<TheoryPoint> points = new ArrayList<>();
    List<double[]> xy = new ArrayList<>();
    for (int n : sizes) {
      TheoryPoint p =
          new SteadyStateSetup(
                  name(), "psgd", null, n, dimension, 1.0, 1.0, STEP, SETTLE + tail, tail)
              .measure(settings.seed(), 1);
      points.add(p);
      xy.add(new double[] {n, p.measuredError()});
    }
    return new TheoryReport(
        points, List.of(LogLogFit.of(xy).toFit(name(), QUANTITY, "psgd", null, -1.0, "=")));
  }
}
