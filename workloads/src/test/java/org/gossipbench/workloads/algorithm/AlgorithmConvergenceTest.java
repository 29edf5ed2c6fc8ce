package org.gossipbench.workloads.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.TransportConfig;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyAnalysis;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.WeightMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlgorithmConvergenceTest {
  static final int D = 5;

  /** c_i for n nodes: seeded, so b² is known exactly. */
  static double[][] centers(int n, double spread) {
    SplittableRandom r = new SplittableRandom(42);
    double[][] c = new double[n][D];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < D; j++) {
        c[i][j] = 1.0 + spread * r.nextGaussian();
      }
    }
    return c;
  }

  /** Runs K steps of the algorithm on every rank; returns each rank's final x. */
  static double[][] run(
      String algorithm, String topology, int n, double[][] c, AlgorithmOptions options, int steps) {
    return run(ctx -> AlgorithmRegistry.get(algorithm).create(ctx), topology, n, c, options, steps);
  }

  /** As {@link #run(String, String, int, double[][], AlgorithmOptions, int)}, built by create. */
  static double[][] run(
      Function<AlgorithmContext, ? extends Algorithm> create,
      String topology,
      int n,
      double[][] c,
      AlgorithmOptions options,
      int steps) {
    double[][] out = new double[n][];
    onEveryRank(
        create,
        topology,
        n,
        c,
        options,
        steps,
        (rank, a) -> out[rank] = ((DoubleBuf) a.estimate()).array().clone());
    return out;
  }

  /**
   * Builds the algorithm on n ranks over the local transport, rank i minimizing ½‖x − c_i‖², runs K
   * steps and hands each rank's algorithm to {@code done}.
   */
  static <A extends Algorithm> void onEveryRank(
      Function<AlgorithmContext, A> create,
      String topology,
      int n,
      double[][] c,
      AlgorithmOptions options,
      int steps,
      java.util.function.BiConsumer<Integer, A> done) {
    try (Job job =
        new TransportConfig()
            .transport("local")
            .ranks(n)
            .timeout(Duration.ofSeconds(30))
            .conclude()
            .join()) {
      job.run(
          comm -> {
            Quadratic model = new Quadratic(c[comm.rank()], new double[D]);
            Topology t = topology == null ? null : TopologyRegistry.create(topology, n, 1);
            AlgorithmContext ctx =
                new AlgorithmContext(
                    comm,
                    model,
                    g -> model.gradient(null, g),
                    t,
                    options,
                    NetworkModel.ETHERNET_25G);
            A a = create.apply(ctx);
            for (int k = 0; k < steps; k++) {
              a.step(k);
            }
            done.accept(comm.rank(), a);
          });
    }
  }

  static double[] mean(double[][] c) {
    double[] m = new double[D];
    for (double[] ci : c) {
      for (int j = 0; j < D; j++) {
        m[j] += ci[j] / c.length;
      }
    }
    return m;
  }

  static boolean accepts(String algorithm, AlgorithmOptions o) {
    try {
      AlgorithmRegistry.get(algorithm).validate(o);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }

  static double worstDistance(double[][] x, double[] opt) {
    double worst = 0;
    for (double[] xi : x) {
      worst = Math.max(worst, distance(xi, opt));
    }
    return worst;
  }

  /**
   * Bias correction: under heterogeneity gradient tracking and exact diffusion reach the exact
   * optimum at a constant step where DSGD, measured in the same test, stays biased.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ring", "torus", "exp", "one-peer-exp"})
  void shouldReachTheExactOptimumUnderHeterogeneityWithBiasCorrection(String topology) {
    int n = 8;
    double[][] c = centers(n, 1.0);
    double[] opt = mean(c);
    double dsgd = worstDistance(run("dsgd", topology, n, c, AlgorithmOptions.sgd(0.2), 3000), opt);
    double gt =
        worstDistance(
            run("gradient-tracking", topology, n, c, AlgorithmOptions.sgd(0.2), 3000), opt);
    assertTrue(gt < 1e-9, topology + ": gradient tracking ends " + gt + " from x*");
    assertTrue(dsgd > 1e-3, topology + ": DSGD's bias " + dsgd);
    if (!TopologyRegistry.create(topology, n, 1).isTimeVarying()) {
      // exact diffusion's guarantee is for a static W
      double ed =
          worstDistance(
              run("exact-diffusion", topology, n, c, AlgorithmOptions.sgd(0.5), 3000), opt);
      assertTrue(ed < 1e-9, topology + ": exact diffusion ends " + ed + " from x*");
      // and DeTAG's accelerated gossip, which needs a static W too
      double detag =
          worstDistance(run("detag", topology, n, c, AlgorithmOptions.sgd(0.2), 1000), opt);
      assertTrue(detag < 1e-9, topology + ": DeTAG ends " + detag + " from x*");
    }
  }

  @Test
  void shouldReachTheOptimumWithGradientTrackingAndHeavyBall() {
    double[][] c = centers(8, 1.0);
    AlgorithmOptions o = AlgorithmOptions.sgd(0.05).withMomentum(Momentum.HEAVY_BALL, 0.5);
    double[][] x = run("gradient-tracking", "ring", 8, c, o, 4000);
    assertTrue(worstDistance(x, mean(c)) < 1e-9, "distance " + worstDistance(x, mean(c)));
  }

  @Test
  void shouldUseTheAcceleratedGossipRoundsItIsGiven() {
    // more rounds per iteration: closer to exact averaging, so DeTAG needs fewer iterations
    int n = 16;
    double[][] c = centers(n, 1.0);
    double[] opt = mean(c);
    double one =
        worstDistance(
            run(
                "detag",
                "ring",
                n,
                c,
                AlgorithmOptions.sgd(0.2).withParameters(Map.of("rounds", "1")),
                60),
            opt);
    double four =
        worstDistance(
            run(
                "detag",
                "ring",
                n,
                c,
                AlgorithmOptions.sgd(0.2).withParameters(Map.of("rounds", "4")),
                60),
            opt);
    assertTrue(four < one / 2, "after 60 iterations: R=1 " + one + ", R=4 " + four);
  }

  /** Gossip-PGA sits between DSGD (H = ∞) and PSGD with model averaging (H = 1). */
  @Test
  void shouldShrinkDsgdsBiasWithPeriodicGlobalAveraging() {
    int n = 8;
    double[][] c = centers(n, 1.0);
    double[] opt = mean(c);
    AlgorithmOptions base = AlgorithmOptions.sgd(0.2);
    double dsgd = worstDistance(run("dsgd", "ring", n, c, base, 2000), opt);
    double every4 =
        worstDistance(
            run("gossip-pga", "ring", n, c, base.withParameters(Map.of("period", "4")), 2000), opt);
    double every1 =
        worstDistance(
            run("gossip-pga", "ring", n, c, base.withParameters(Map.of("period", "1")), 2000), opt);
    assertTrue(every4 < dsgd / 2, "gossip-pga H=4 " + every4 + " vs DSGD " + dsgd);
    assertTrue(every1 < 1e-12, "gossip-pga H=1 is PSGD with model averaging: " + every1);
  }

  @Test
  void shouldRefuseBadParametersOnOneLine() {
    for (String period : List.of("0", "-3", "x")) {
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () ->
                  AlgorithmRegistry.get("gossip-pga")
                      .validate(
                          AlgorithmOptions.sgd(0.1).withParameters(Map.of("period", period))));
      assertTrue(e.getMessage().contains("period"), e.getMessage());
    }
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            AlgorithmRegistry.get("exact-diffusion")
                .validate(AlgorithmOptions.sgd(0.1).withMomentum(Momentum.NESTEROV, 0.9)));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            AlgorithmRegistry.get("gradient-tracking")
                .validate(AlgorithmOptions.sgd(0.1).withLocalSteps(2)));
    for (String rounds : List.of("0", "-1", "two")) {
      IllegalArgumentException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalArgumentException.class,
              () ->
                  AlgorithmRegistry.get("detag")
                      .validate(
                          AlgorithmOptions.sgd(0.1).withParameters(Map.of("rounds", rounds))));
      assertTrue(e.getMessage().contains("rounds"), e.getMessage());
    }
    IllegalArgumentException timeVarying =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                AlgorithmRegistry.get("detag")
                    .validate(
                        AlgorithmOptions.sgd(0.1), TopologyRegistry.create("one-peer-exp", 8, 1)));
    assertTrue(timeVarying.getMessage().contains("static"), timeVarying.getMessage());
  }

  static List<String> everyAlgorithm() {
    return AlgorithmRegistry.entries().stream().map(AlgorithmRegistry.Entry::name).toList();
  }

  @ParameterizedTest
  @MethodSource("everyAlgorithm")
  void shouldEqualPlainSgdStepForStepWithOneNode(String algorithm) {
    double[][] c = centers(1, 1.0);
    for (Momentum m : Momentum.values()) {
      AlgorithmOptions o = AlgorithmOptions.sgd(0.1).withMomentum(m, 0.9);
      if (!accepts(algorithm, o)) {
        continue; // e.g. exact diffusion refuses momentum, on one line, before any rank starts
      }
      String topology = AlgorithmRegistry.get(algorithm).needsTopology() ? "fully-connected" : null;
      double[] x = run(algorithm, topology, 1, c, o, 7)[0];
      // the same optimizer on the same gradients without any collective
      Quadratic alone = new Quadratic(c[0], new double[D]);
      DoubleBuf g = new DoubleBuf(new double[D]);
      LocalOptimizer opt = new LocalOptimizer(m, 0.9, g);
      for (int k = 0; k < 7; k++) {
        alone.gradient(null, g);
        opt.step(alone.parameters(), g, 0.1);
      }
      assertArrayEquals(
          ((DoubleBuf) alone.parameters()).array(), x, 0.0, algorithm + " with " + m.label());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ring", "halving-doubling", "parameter-server"})
  void shouldReachTheExactOptimumWithPsgdOverEveryAllreduce(String allreduce) {
    double[][] c = centers(8, 2.0);
    double[][] x = run("psgd", null, 8, c, AlgorithmOptions.sgd(0.5).withAllreduce(allreduce), 80);
    for (double[] xi : x) {
      assertArrayEquals(mean(c), xi, 1e-12);
      assertArrayEquals(x[0], xi, 0.0, "all ranks hold the same model");
    }
  }

  @Test
  void shouldReachTheOptimumWithLocalSgdAndNesterov() {
    double[][] c = centers(4, 2.0);
    AlgorithmOptions o =
        AlgorithmOptions.sgd(0.05).withMomentum(Momentum.NESTEROV, 0.5).withLocalSteps(4);
    double[][] x = run("psgd", null, 4, c, o, 400);
    // local SGD's fixed point on quadratics with equal curvature is the average optimum
    assertArrayEquals(mean(c), x[0], 1e-9);
  }

  /**
   * DSGD-ATC on f_i = ½‖x − c_i‖²: its fixed point solves X = W((1−γ)X + γC), so X* = γ(I −
   * (1−γ)W)⁻¹ W C. Iterates must converge to it; its mean is the optimum c̄ (W doubly stochastic)
   * and its spread around c̄ is DSGD's heterogeneity bias.
   */
  static DMatrixRMaj dsgdFixedPoint(
      WeightMatrix w, int n, double gamma, double[][] c, boolean atc) {
    DMatrixRMaj wm = new DMatrixRMaj(w.toDense());
    DMatrixRMaj cm = new DMatrixRMaj(c);
    DMatrixRMaj lhs = CommonOps_DDRM.identity(n);
    DMatrixRMaj rhs = new DMatrixRMaj(n, D);
    if (atc) {
      // (I − (1−γ)W) X = γ W C
      CommonOps_DDRM.addEquals(lhs, -(1 - gamma), wm);
      CommonOps_DDRM.mult(gamma, wm, cm, rhs);
    } else {
      // CTA: X = W X − γ(X − C) → ((1+γ) I − W) X = γ C
      CommonOps_DDRM.scale(1 + gamma, lhs);
      CommonOps_DDRM.addEquals(lhs, -1, wm);
      CommonOps_DDRM.scale(gamma, cm, rhs);
    }
    DMatrixRMaj x = new DMatrixRMaj(n, D);
    assertTrue(CommonOps_DDRM.solve(lhs, rhs, x));
    return x;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ring", "torus", "exp", "fully-connected"})
  void shouldConvergeToTheKnownFixedPointWithDsgdOverStaticTopologies(String topology) {
    int n = 8;
    double gamma = 0.2;
    double[][] c = centers(n, 1.0);
    Topology t = TopologyRegistry.create(topology, n, 1);
    for (String algorithm : List.of("dsgd", "dsgd-cta")) {
      double[][] x = run(algorithm, topology, n, c, AlgorithmOptions.sgd(gamma), 600);
      DMatrixRMaj expected = dsgdFixedPoint(t.weights(0), n, gamma, c, algorithm.equals("dsgd"));
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < D; j++) {
          assertEquals(expected.get(i, j), x[i][j], 1e-9, algorithm + " rank " + i);
        }
      }
      assertArrayEquals(mean(c), mean(x), 1e-9, "the average iterate is the optimum");
    }
  }

  @Test
  void shouldReachTheOptimumWithDsgdOverATimeVaryingTopologyWithDecayingSpread() {
    // one-peer exponential: W^(k) changes every step; with γ → small the bias vanishes
    int n = 8;
    double[][] c = centers(n, 1.0);
    double[][] x = run("dsgd", "one-peer-exp", n, c, AlgorithmOptions.sgd(0.01), 3000);
    double[] opt = mean(c);
    for (double[] xi : x) {
      assertArrayEquals(opt, xi, 0.05);
    }
  }

  /**
   * SPEC &sect;4: DSGD's error under heterogeneity scales like γ·ρ·b/(1−ρ) — zero without
   * heterogeneity, growing with b and with a worse-connected graph. Order of magnitude only.
   */
  @Test
  void shouldBeBiasedUnderHeterogeneityByTheOrderSpecPredicts() {
    int n = 16;
    double gamma = 0.05;
    Function<double[][], Double> deviation =
        x -> {
          double[] m = mean(x);
          double s = 0;
          for (double[] xi : x) {
            for (int j = 0; j < D; j++) {
              s += (xi[j] - m[j]) * (xi[j] - m[j]);
            }
          }
          return Math.sqrt(s / x.length);
        };
    double[][] homogeneous = centers(n, 0.0);
    double[][] xh = run("dsgd", "ring", n, homogeneous, AlgorithmOptions.sgd(gamma), 3000);
    assertEquals(0.0, deviation.apply(xh), 1e-12, "no heterogeneity, no bias");
    for (String topology : List.of("ring", "exp")) {
      double[][] c = centers(n, 1.0);
      double b = deviation.apply(c);
      Topology t = TopologyRegistry.create(topology, n, 1);
      double rho = TopologyAnalysis.rho(t.weights(0));
      double[][] x = run("dsgd", topology, n, c, AlgorithmOptions.sgd(gamma), 3000);
      double bias = deviation.apply(x);
      double predicted = gamma * rho * b / (1 - rho);
      assertTrue(
          bias > predicted / 10 && bias < predicted * 10,
          topology + ": bias " + bias + " vs predicted " + predicted + " (rho " + rho + ")");
    }
  }
}
