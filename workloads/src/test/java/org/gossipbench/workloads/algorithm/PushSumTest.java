package org.gossipbench.workloads.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.gossipbench.collectives.topology.Mixing;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Push-sum (stochastic gradient push) on f_i(x) = ½‖x − c_i‖², whose optimum is c̄: on directed,
 * only column-stochastic graphs it reaches c̄ up to a bias that vanishes with the step, where DSGD
 * on the same matrices converges to the wrong point whatever the step.
 */
class PushSumTest {
  static final int D = AlgorithmConvergenceTest.D;

  /** Each rank's estimate after {@code steps} plain SGD steps of the algorithm create builds. */
  static double[][] run(
      Function<AlgorithmContext, Algorithm> create,
      String topology,
      int n,
      double[][] c,
      double gamma,
      int steps) {
    return AlgorithmConvergenceTest.run(create, topology, n, c, AlgorithmOptions.sgd(gamma), steps);
  }

  static double error(double[][] x, double[] opt) {
    return AlgorithmConvergenceTest.worstDistance(x, opt);
  }

  @ParameterizedTest
  @ValueSource(strings = {"directed-random", "directed-random:out=3", "one-peer-push"})
  void shouldReachTheAverageOptimumOnColumnStochasticGraphsWhereDsgdCannot(String topology) {
    int n = 8;
    assertEquals(Mixing.COLUMN_STOCHASTIC, TopologyRegistry.create(topology, n, 1).mixing());
    double[][] c = AlgorithmConvergenceTest.centers(n, 1.0);
    double[] opt = AlgorithmConvergenceTest.mean(c);
    double pushCoarse = error(run(PushSum::new, topology, n, c, 0.1, 1500), opt);
    double pushFine = error(run(PushSum::new, topology, n, c, 0.025, 4000), opt);
    double dsgdCoarse = error(run(Dsgd::new, topology, n, c, 0.1, 1500), opt);
    double dsgdFine = error(run(Dsgd::new, topology, n, c, 0.025, 4000), opt);
    // push-sum's bias is heterogeneity's O(γ) one, as DSGD's on a doubly stochastic graph: a
    // quarter of the step, about a quarter of the error
    assertTrue(
        pushFine < pushCoarse / 2.5,
        topology + ": push-sum error " + pushCoarse + " at 0.1, " + pushFine + " at 0.025");
    double spread = error(c, opt);
    assertTrue(
        pushFine < 0.1 * spread,
        topology + ": push-sum ends " + pushFine + " from x*, the c_i up to " + spread);
    // DSGD converges to n·π_i·c̄ (π the Perron vector of W), not c̄: its error stays as γ → 0
    assertTrue(
        dsgdFine > 10 * pushFine && dsgdFine > 0.5 * dsgdCoarse,
        topology + ": DSGD error " + dsgdCoarse + " at 0.1, " + dsgdFine + " at 0.025");
  }

  /**
   * Exact optimum under heterogeneity on directed graphs: Push-DIGing (tracking over push-sum)
   * reaches x* at a constant step, where push-sum SGD, measured in the same test, keeps its bias.
   */
  @ParameterizedTest
  @ValueSource(strings = {"directed-random", "one-peer-push", "one-peer-exp", "ring"})
  void shouldReachTheExactOptimumOnDirectedGraphsWithPushDiging(String topology) {
    int n = 8;
    double[][] c = AlgorithmConvergenceTest.centers(n, 1.0);
    double[] opt = AlgorithmConvergenceTest.mean(c);
    double diging = error(run(PushDiging::new, topology, n, c, 0.1, 3000), opt);
    double push = error(run(PushSum::new, topology, n, c, 0.1, 3000), opt);
    assertTrue(diging < 1e-9, topology + ": Push-DIGing ends " + diging + " from x*");
    assertTrue(push > 1e-3, topology + ": push-sum's bias " + push);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ring", "exp", "one-peer-exp"})
  void shouldEqualDsgdBitForBitOnDoublyStochasticGraphs(String topology) {
    // w stays exactly 1 where every row of W sums to 1 in floating point, so z = x
    int n = 8;
    double[][] c = AlgorithmConvergenceTest.centers(n, 1.0);
    double[][] push = run(PushSum::new, topology, n, c, 0.1, 50);
    double[][] dsgd = run(Dsgd::new, topology, n, c, 0.1, 50);
    for (int i = 0; i < n; i++) {
      assertArrayEquals(dsgd[i], push[i], 0.0, topology + " rank " + i);
    }
  }

  @Test
  void shouldKeepTheWeightsSummingToNAndPositive() {
    int n = 9;
    double[][] c = AlgorithmConvergenceTest.centers(n, 1.0);
    double[] weights = new double[n];
    AlgorithmConvergenceTest.onEveryRank(
        PushSum::new,
        "one-peer-push",
        n,
        c,
        AlgorithmOptions.sgd(0.1),
        37,
        (rank, a) -> weights[rank] = a.weight());
    double sum = 0;
    boolean someNotOne = false;
    for (double w : weights) {
      assertTrue(w > 0, "weight " + w);
      sum += w;
      someNotOne |= Math.abs(w - 1) > 1e-3;
    }
    assertEquals(n, sum, 1e-12);
    assertTrue(someNotOne, "a column-stochastic graph moves the weights off 1");
  }

  @Test
  void shouldBeTheOnlyAlgorithmsAcceptingAColumnStochasticTopology() {
    assertEquals(
        java.util.List.of("push-sum", "push-diging"),
        AlgorithmRegistry.entries().stream()
            .filter(e -> e.requiredMixing() == Mixing.COLUMN_STOCHASTIC)
            .map(AlgorithmRegistry.Entry::name)
            .toList());
    Topology directed = TopologyRegistry.create("directed-random", 8, 1);
    for (AlgorithmRegistry.Entry e : AlgorithmRegistry.entries()) {
      AlgorithmOptions o = AlgorithmOptions.sgd(0.1);
      if (e.requiredMixing() == Mixing.COLUMN_STOCHASTIC || !e.needsTopology()) {
        e.validate(o, directed);
        continue;
      }
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> e.validate(o, directed), e.name());
      assertEquals(
          "algorithm "
              + e.name()
              + " needs a doubly stochastic topology; directed-random:out=2:seed=1 is column"
              + " stochastic only (run it with --algorithm push-sum)",
          refused.getMessage());
    }
  }
}
