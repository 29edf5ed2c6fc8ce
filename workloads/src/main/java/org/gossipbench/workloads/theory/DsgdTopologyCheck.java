package org.gossipbench.workloads.theory;

import java.util.ArrayList;
import java.util.List;
import org.gossipbench.collectives.topology.TopologyAnalysis;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.results.TheoryFit;
import org.gossipbench.results.TheoryPoint;

/**
 * {@code dsgd-rho}: DSGD's heterogeneity bias (σ = 0, so the error is the bias alone) at fixed b²
 * over static topologies and sizes, against ρ²/(1 − ρ)². SPEC &sect;4's b² term grows as ρ²/(1 −
 * ρ)² (times γ²b²) in the worst case, when the heterogeneity lies in W's slowest mode; spread over
 * all modes, as the random centers are, it grows more slowly, so the predicted slope is a bound: at
 * most 1. The step is small against every 1 − ρ measured, so that the bias is in the regime the
 * bound describes rather than saturated at b². Each run lasts until the slowest mode, (1 − γ)ρ per
 * iteration, has settled.
 */
final class DsgdTopologyCheck implements TheoryCheck {
  static final String QUANTITY = "log(error) vs log(rho^2/(1-rho)^2)";
  private static final double STEP = 1e-3;
  private static final int TAIL = 10;

  @Override
  public String name() {
    return "dsgd-rho";
  }

  @Override
  public String description() {
    return "DSGD's heterogeneity bias grows with rho^2/(1-rho)^2 over topologies and sizes (slope"
        + " at most 1)";
  }

  @Override
  public List<String> tableColumns() {
    return List.of(
        "topology", "n", "rho", "rho2/(1-rho)2", "b2", "measured", "exact", "measured/exact");
  }

  @Override
  public TheoryReport run(TheorySettings settings) {
    List<String> topologies = List.of("ring", "torus", "exp");
    List<Integer> sizes = settings.quick() ? List.of(8, 16) : List.of(8, 16, 32, 64);
    int dimension = settings.quick() ? 20 : 50;
    List<TheoryPoint> points = new ArrayList<>();
    List<TheoryFit> fits = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    for (String topology : topologies) {
      List<double[]> xy = new ArrayList<>();
      for (int n : sizes) {
        double rho =
            TopologyAnalysis.analyze(TopologyRegistry.create(topology, n, settings.seed())).rho();
        // amplitudes settle as ((1 − γ)ρ)^k: 1e-4 of the way left is well inside a few per cent
        int settle = (int) Math.ceil(Math.log(1e4) / (1 - (1 - STEP) * rho));
        TheoryPoint p =
            new SteadyStateSetup(
                    name(), "dsgd", topology, n, dimension, 1.0, 0.0, STEP, settle + TAIL, TAIL)
                .measure(settings.seed(), 1);
        points.add(p);
        double[] point = {rho * rho / ((1 - rho) * (1 - rho)), p.measuredError()};
        xy.add(point);
        all.add(point);
      }
      if (LogLogFit.determinesSlope(xy)) {
        // a torus of 2 x 4 and one of 4 x 4 share rho: nothing to fit between them alone
        fits.add(LogLogFit.of(xy).toFit(name(), QUANTITY, "dsgd", topology, 1.0, "<="));
      }
    }
    fits.add(LogLogFit.of(all).toFit(name(), QUANTITY, "dsgd", null, 1.0, "<="));
    return new TheoryReport(points, fits);
  }
}
