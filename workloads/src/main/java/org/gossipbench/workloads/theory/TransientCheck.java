package org.gossipbench.workloads.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyAnalysis;
import org.gossipbench.results.TheoryFit;
import org.gossipbench.results.TheoryPoint;
import org.gossipbench.workloads.synthetic.HeterogeneousQuadratic;

/**
 * {@code transient}: DSGD's transient stage per topology and n (the measured column of table T2).
 * DSGD and PSGD run on the same iid problem (b = 0) with the same seed, hence the same gradient
 * noise, under the decaying step γ_k = 1/(k + 1), both from x*. The transient is the first
 * iteration T after which DSGD's error (1/n) Σ_i ‖x_i − x*‖² stays within factor F of PSGD's up to
 * the cap K (curves averaged over repeats first); a run still above at K has none.
 *
 * <p>On this quadratic DSGD's average x̄ follows PSGD's iterate exactly (W is doubly stochastic and
 * every Hessian is I), so DSGD's excess error is its consensus distance, and {@link
 * QuadraticTheory#consensusNoise} predicts T ≈ nS/(F − 1); each row carries that prediction. The
 * fit is the growth exponent of T in n per topology, next to the exponent of the predictions. What
 * it predicts is for this strongly convex, iid setting: about n² on the ring (S grows like n when
 * the noise excites every mode), under the bound n/(1 − ρ) ∝ n³; SPEC &sect;4's ring O(n⁷) is the
 * non-convex rate and is not what this measures.
 */
final class TransientCheck implements TheoryCheck {
  /** The default F: DSGD within 1.5 times PSGD's error. */
  static final double FACTOR = 1.5;

  static final String QUANTITY = "log(transient iterations) vs log(n)";
  private static final List<String> TOPOLOGIES = List.of("ring", "one-peer-exp", "torus", "exp");
  private static final double STEP = 1.0;

  @Override
  public String name() {
    return "transient";
  }

  @Override
  public String description() {
    return "iterations until DSGD's error stays within 1.5x PSGD's (iid, step 1/(k+1)) per"
        + " topology and n";
  }

  @Override
  public List<String> tableColumns() {
    return List.of(
        "algorithm",
        "topology",
        "n",
        "rho",
        "iterations",
        "transient",
        "predicted transient",
        "measured",
        "exact");
  }

  @Override
  public TheoryReport run(TheorySettings settings) {
    boolean quick = settings.quick();
    List<String> topologies = quick ? List.of("ring", "exp") : TOPOLOGIES;
    List<Integer> sizes = quick ? List.of(8, 16) : List.of(8, 16, 32, 64);
    int dimension = quick ? 100 : 200;
    int iterations = quick ? 300 : 4000;
    int repeats = quick ? 1 : 2;
    long seed = settings.seed();
    List<TheoryPoint> points = new ArrayList<>();
    List<List<double[]>> measured = new ArrayList<>();
    List<List<double[]>> predicted = new ArrayList<>();
    topologies.forEach(
        t -> {
          measured.add(new ArrayList<>());
          predicted.add(new ArrayList<>());
        });
    for (int n : sizes) {
      long start = System.nanoTime();
      double[] psgd = meanCurve("psgd", null, n, dimension, iterations, seed, repeats);
      points.add(
          point(
              "psgd",
              null,
              n,
              dimension,
              iterations,
              seed,
              repeats,
              psgd[iterations - 1],
              QuadraticTheory.psgdHarmonic(n, dimension, 1.0, iterations),
              null,
              null,
              System.nanoTime() - start));
      for (int i = 0; i < topologies.size(); i++) {
        start = System.nanoTime();
        String spec = topologies.get(i);
        double[] dsgd = meanCurve("dsgd", spec, n, dimension, iterations, seed, repeats);
        Long transientIterations = transientIterations(dsgd, psgd, FACTOR);
        Topology t =
            new QuadraticRun(
                    "dsgd",
                    spec,
                    problem(n, dimension, seed),
                    STEP,
                    StepSchedule.HARMONIC,
                    iterations)
                .createTopology();
        OptionalDouble s = QuadraticTheory.consensusNoise(t);
        Double prediction =
            s.isPresent() ? QuadraticTheory.transientIterations(n, s.getAsDouble(), FACTOR) : null;
        TheoryPoint p =
            point(
                "dsgd",
                t,
                n,
                dimension,
                iterations,
                seed,
                repeats,
                dsgd[iterations - 1],
                null,
                transientIterations,
                prediction,
                System.nanoTime() - start);
        points.add(p);
        if (transientIterations != null && transientIterations > 0) {
          measured.get(i).add(new double[] {n, transientIterations});
        }
        if (prediction != null && prediction > 0) {
          predicted.get(i).add(new double[] {n, prediction});
        }
      }
    }
    List<TheoryFit> fits = new ArrayList<>();
    for (int i = 0; i < topologies.size(); i++) {
      if (LogLogFit.determinesSlope(measured.get(i))
          && LogLogFit.determinesSlope(predicted.get(i))) {
        fits.add(
            LogLogFit.of(measured.get(i))
                .toFit(
                    name(),
                    QUANTITY,
                    "dsgd",
                    topologies.get(i),
                    LogLogFit.of(predicted.get(i)).slope(),
                    "="));
      }
    }
    return new TheoryReport(points, fits);
  }

  /**
   * The T ≥ 0 after which dsgd[t − 1] ≤ factor · psgd[t − 1] for every t &gt; T (t counting
   * iterations from 1), or null when the last iteration is still above.
   */
  static Long transientIterations(double[] dsgd, double[] psgd, double factor) {
    int k = dsgd.length;
    if (dsgd[k - 1] > factor * psgd[k - 1]) {
      return null;
    }
    for (int t = k - 1; t >= 1; t--) {
      if (dsgd[t - 1] > factor * psgd[t - 1]) {
        return (long) t;
      }
    }
    return 0L;
  }

  private static HeterogeneousQuadratic problem(int n, int dimension, long seed) {
    return new HeterogeneousQuadratic(n, dimension, 0.0, 1.0, seed);
  }

  private static double[] meanCurve(
      String algorithm,
      String topology,
      int n,
      int dimension,
      int iterations,
      long seed,
      int repeats) {
    double[] mean = new double[iterations];
    for (int r = 0; r < repeats; r++) {
      double[] e =
          new QuadraticRun(
                  algorithm,
                  topology,
                  problem(n, dimension, seed + r),
                  STEP,
                  StepSchedule.HARMONIC,
                  iterations)
              .errors();
      for (int k = 0; k < iterations; k++) {
        mean[k] += e[k] / repeats;
      }
    }
    return mean;
  }

  private TheoryPoint point(
      String algorithm,
      Topology t,
      int n,
      int dimension,
      int iterations,
      long seed,
      int repeats,
      double finalError,
      Double exact,
      Long transientIterations,
      Double prediction,
      long wallNanos) {
    return new TheoryPoint(
        name(),
        algorithm,
        t == null ? null : t.name(),
        n,
        dimension,
        0.0,
        t == null ? null : TopologyAnalysis.analyze(t).rho(),
        STEP,
        StepSchedule.HARMONIC.label(),
        1.0,
        seed,
        repeats,
        iterations,
        null,
        finalError,
        exact,
        t == null ? null : transientIterations,
        prediction,
        t == null ? null : FACTOR,
        wallNanos);
  }
}
