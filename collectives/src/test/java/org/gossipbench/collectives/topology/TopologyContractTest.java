package org.gossipbench.collectives.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered topology, every n in 1..33, 64 and 100: the contract of {@link Topology}. */
class TopologyContractTest {
  /**
   * Frobenius distance to 11ᵀ/n within which a product is the exact average. A literal, not {@link
   * TopologyAnalysis#EXACT_TOLERANCE}, so that loosening the analysis' tolerance is caught.
   */
  private static final double EXACT = 1e-10;

  /**
   * Distance to 11ᵀ/n that a topology claiming "never exact" must keep in every searched round: far
   * above {@link #EXACT}, so a product that merely scrapes past the tolerance fails.
   */
  private static final double NOT_EXACT = 1e-6;

  static Stream<Arguments> everyTopologyAndSize() {
    List<Arguments> cases = new ArrayList<>();
    int[] sizes = IntStream.concat(IntStream.rangeClosed(1, 33), IntStream.of(64, 100)).toArray();
    for (String name : TopologyRegistry.names()) {
      for (int n : sizes) {
        cases.add(Arguments.of(name, n));
      }
    }
    return cases.stream();
  }

  /** The combinations that do not exist, with the reason; everything else must build. */
  static String unsupportedReason(String name, int n) {
    if (name.equals("one-peer-hypercube") && !Circulant.isPowerOfTwo(n)) {
      return "a hypercube needs n to be a power of two";
    }
    if (name.equals("hier") && n % 2 != 0) {
      return "its default groups of 2 need an even n";
    }
    return null;
  }

  private static Topology build(String name, int n) {
    String reason = unsupportedReason(name, n);
    if (reason != null) {
      TopologyException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              TopologyException.class, () -> TopologyRegistry.create(name, n));
      assertTrue(e.getMessage().contains("n=" + n), e.getMessage());
      Assumptions.abort(name + " n=" + n + ": " + reason);
    }
    return TopologyRegistry.create(name, n);
  }

  private static int window(Topology t) {
    return TopologyValidator.window(t);
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("everyTopologyAndSize")
  void shouldGiveNonNegativeMatricesOfSizeNStochasticAsDeclared(String name, int n) {
    Topology t = build(name, n);
    assertEquals(n, t.size());
    boolean doubly = t.mixing() == Mixing.DOUBLY_STOCHASTIC;
    for (int k = 0; k < Math.max(3, 2 * window(t)); k++) {
      WeightMatrix w = t.weights(k);
      assertEquals(n, w.size());
      w.validate(name + " n=" + n + " k=" + k, 1e-12, t.mixing());
      double[][] dense = w.toDense();
      for (int i = 0; i < n; i++) {
        double row = 0;
        double col = 0;
        for (int j = 0; j < n; j++) {
          assertTrue(dense[i][j] >= 0, "negative weight");
          row += dense[i][j];
          col += dense[j][i];
        }
        if (doubly) {
          assertEquals(1.0, row, 1e-12, "row " + i);
        }
        assertEquals(1.0, col, 1e-12, "column " + i);
      }
    }
  }

  /**
   * The topologies declaring {@link Mixing#COLUMN_STOCHASTIC}, at n ≥ 5 (below, all may mix fully).
   */
  static Stream<Arguments> columnStochasticTopologyAndSize() {
    return everyTopologyAndSize()
        .filter(
            a -> {
              String name = (String) a.get()[0];
              int n = (Integer) a.get()[1];
              return n >= 5
                  && TopologyRegistry.create(name, 8).mixing() == Mixing.COLUMN_STOCHASTIC;
            });
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("columnStochasticTopologyAndSize")
  void shouldBeRefusedAsDoublyStochasticWhenItDeclaresOnlyColumns(String name, int n) {
    Topology t = build(name, n);
    // the declaration must be needed: some row of some matrix in the window misses 1
    boolean someRowOff = false;
    for (int k = 0; k < window(t) && !someRowOff; k++) {
      try {
        t.weights(k).validateDoublyStochastic(name, 1e-12);
      } catch (TopologyException expected) {
        assertTrue(expected.getMessage().contains("row "), expected.getMessage());
        someRowOff = true;
      }
    }
    assertTrue(someRowOff, name + " n=" + n + " is doubly stochastic but declares column only");
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("everyTopologyAndSize")
  void shouldRebuildAnEqualTopologyFromItsCanonicalName(String name, int n) {
    Topology t = build(name, n);
    assertTrue(t.name().startsWith(name), t.name());
    Topology again = TopologyRegistry.create(t.name(), n, 987654321L);
    assertEquals(t.name(), again.name());
    for (int k = 0; k < 2 * window(t); k++) {
      assertEquals(t.weights(k), again.weights(k), "iteration " + k);
    }
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("everyTopologyAndSize")
  void shouldRepeatWithItsPeriodAndAnswerIterationsInAnyOrder(String name, int n) {
    Topology t = build(name, n);
    OptionalInt period = t.period();
    int span = 3 * window(t);
    WeightMatrix[] forward = new WeightMatrix[span];
    for (int k = 0; k < span; k++) {
      forward[k] = t.weights(k);
    }
    for (int k = span - 1; k >= 0; k--) {
      assertEquals(forward[k], t.weights(k), "iteration " + k + " out of order");
    }
    if (period.isPresent()) {
      int p = period.getAsInt();
      assertTrue(p >= 1);
      if (p > 1) {
        assertTrue(t.isTimeVarying(), "period " + p + " but not time-varying");
      }
      for (int k = 0; k + p < span; k++) {
        assertEquals(forward[k], forward[k + p], "period " + p + " at iteration " + k);
      }
      assertEquals(t.weights(5L * p + 1), t.weights(1 % p));
    } else {
      assertTrue(t.isTimeVarying(), "only time-varying topologies may be aperiodic");
    }
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("everyTopologyAndSize")
  void shouldHaveConsensusRateInUnitIntervalAndMixOverAPeriod(String name, int n) {
    Topology t = build(name, n);
    TopologyProperties p = TopologyAnalysis.analyze(t);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i * i % 7 - 3.0;
    }
    if (t.mixing() == Mixing.COLUMN_STOCHASTIC) {
      // ρ of one column-stochastic matrix may exceed 1; the gap of a static one is what mixes.
      assertTrue(p.rho() >= -1e-12, "rho " + p.rho());
      if (t.period().isPresent()) {
        assertTrue(p.spectralGap() > 1e-9 && p.spectralGap() <= 1 + 1e-9, "gap " + p.spectralGap());
      }
      // push-sum's ratio reaches the average of x^(0) (SPEC §3): within 1e-9 after 60 windows,
      // or after 30/gap rounds for a static graph (its error shrinks as (1 − gap)^k)
      double mean = IntStream.range(0, n).mapToDouble(i -> x[i]).sum() / n;
      long rounds =
          Math.max(
              60L * p.window(),
              t.period().isPresent() ? (long) Math.ceil(30 / p.spectralGap()) : 0L);
      double[] ratio = ConsensusSimulation.run(t, x, new long[] {rounds})[0];
      for (int i = 0; i < n; i++) {
        assertEquals(mean, ratio[i], 1e-9, "push-sum ratio of node " + i);
      }
      return;
    }
    assertTrue(p.rho() >= -1e-12 && p.rho() <= 1 + 1e-9, "rho " + p.rho());
    assertTrue(
        p.rhoOfProduct() >= -1e-12 && p.rhoOfProduct() < 1 - 1e-9,
        "product does not mix: " + p.rhoOfProduct());
    assertTrue(p.spectralGap() > 1e-9 && p.spectralGap() <= 1 + 1e-9, "gap " + p.spectralGap());
    assertTrue(p.maxInDegree() <= Math.max(0, n - 1));
    if (!t.isTimeVarying()) {
      assertEquals(p.rho(), p.rhoOfProduct(), 0.0);
    }
    // Partial averaging keeps the mean and shrinks the consensus distance by at least the
    // product's rate every window.
    long[] at = {0, p.window(), 4L * p.window()};
    double[][] values = ConsensusSimulation.run(t, x, at);
    double mean0 = IntStream.range(0, n).mapToDouble(i -> values[0][i]).sum() / n;
    double mean1 = IntStream.range(0, n).mapToDouble(i -> values[2][i]).sum() / n;
    assertEquals(mean0, mean1, 1e-12);
    double d0 = ConsensusSimulation.consensusDistance(values[0]);
    double d1 = ConsensusSimulation.consensusDistance(values[1]);
    if (t.period().isPresent()) {
      assertTrue(d1 <= p.rhoOfProduct() * p.rhoOfProduct() * d0 + 1e-12, d1 + " vs " + d0);
    }
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("everyTopologyAndSize")
  void shouldReachTheExactAverageFirstInTheRoundItClaimsAndNeverWhenItClaimsNone(
      String name, int n) {
    Topology t = build(name, n);
    TopologyProperties p = TopologyAnalysis.analyze(t);
    int searched = 2 * p.window();
    double[] distance = distancesToAverage(t, searched);
    OptionalInt claim = p.roundsToExactAverage();
    if (claim.isPresent()) {
      int r = claim.getAsInt();
      assertTrue(r >= 0 && r <= searched, "claims exact after " + r + " of " + searched);
      assertTrue(
          distance[r] <= EXACT,
          "claims exact after " + r + " rounds, but ||P - 11T/n||_F = " + distance[r]);
      for (int s = 0; s < r; s++) {
        assertTrue(
            distance[s] > EXACT,
            "claims the first exact round is " + r + ", but it is already exact after " + s);
      }
    } else {
      for (int s = 0; s <= searched; s++) {
        assertTrue(
            distance[s] > NOT_EXACT,
            "claims never exact, but ||P - 11T/n||_F = " + distance[s] + " after " + s + " rounds");
      }
    }
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("everyTopologyAndSize")
  void shouldAverageAVectorInTheRoundsItClaims(String name, int n) {
    Topology t = build(name, n);
    OptionalInt claim = TopologyAnalysis.analyze(t).roundsToExactAverage();
    Assumptions.assumeTrue(claim.isPresent(), "never exact");
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    double[] after = ConsensusSimulation.run(t, x, new long[] {claim.getAsInt()})[0];
    for (double v : after) {
      assertEquals((n - 1) / 2.0, v, 1e-9);
    }
  }

  /**
   * ||W^(r−1)…W^(0) − 11ᵀ/n||_F for r = 0..rounds (for a column-stochastic topology ||P(I −
   * 11ᵀ/n)||_F, the distance push-sum's ratio cares about), from dense products computed here
   * rather than by {@link TopologyAnalysis}, whose claim is under test.
   */
  private static double[] distancesToAverage(Topology t, int rounds) {
    int n = t.size();
    double[][] product = new double[n][n];
    for (int i = 0; i < n; i++) {
      product[i][i] = 1.0;
    }
    double[] distance = new double[rounds + 1];
    distance[0] =
        distanceToAverage(
            t.mixing() == Mixing.COLUMN_STOCHASTIC ? withoutRowMeans(product) : product);
    for (int r = 1; r <= rounds; r++) {
      double[][] w = t.weights(r - 1).toDense();
      double[][] next = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int m = 0; m < n; m++) {
          if (w[i][m] != 0.0) {
            for (int j = 0; j < n; j++) {
              next[i][j] += w[i][m] * product[m][j];
            }
          }
        }
      }
      product = next;
      distance[r] =
          distanceToAverage(
              t.mixing() == Mixing.COLUMN_STOCHASTIC ? withoutRowMeans(product) : product);
    }
    return distance;
  }

  private static double distanceToAverage(double[][] p) {
    int n = p.length;
    double sum = 0.0;
    for (double[] row : p) {
      for (double v : row) {
        sum += (v - 1.0 / n) * (v - 1.0 / n);
      }
    }
    return Math.sqrt(sum);
  }

  /**
   * P(I − 11ᵀ/n) + 11ᵀ/n: rows shifted to mean 1/n, so distanceToAverage measures column spread.
   */
  private static double[][] withoutRowMeans(double[][] p) {
    int n = p.length;
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      double mean = 0.0;
      for (double v : p[i]) {
        mean += v;
      }
      mean /= n;
      for (int j = 0; j < n; j++) {
        out[i][j] = p[i][j] - mean + 1.0 / n;
      }
    }
    return out;
  }
}
