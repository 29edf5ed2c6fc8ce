package org.gossipbench.collectives.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The closed forms of SPEC &sect;2, against the EJML computation. */
class ClosedFormTest {

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7, 8, 9, 10, 16, 17, 31, 32, 64, 100})
  void ringRhoIsOnePlusTwoCosOverThree(int n) {
    double expected = (1 + 2 * Math.cos(2 * Math.PI / n)) / 3;
    assertEquals(
        Math.abs(expected),
        TopologyAnalysis.rho(TopologyRegistry.create("ring", n).weights(0)),
        1e-12);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 8, 10})
  void squareTorusRhoIsThreePlusTwoCosOverFive(int s) {
    double expected = (3 + 2 * Math.cos(2 * Math.PI / s)) / 5;
    Topology torus = TopologyRegistry.create("torus:rows=" + s + ":cols=" + s, s * s);
    assertEquals(expected, TopologyAnalysis.rho(torus.weights(0)), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 8, 17, 64, 100})
  void starRhoIsOneMinusOneOverN(int n) {
    assertEquals(
        1 - 1.0 / n, TopologyAnalysis.rho(TopologyRegistry.create("star", n).weights(0)), 1e-12);
  }

  @org.junit.jupiter.api.Test
  void starOfTwoNodesIsTheFullAverage() {
    assertEquals(0.0, TopologyAnalysis.rho(TopologyRegistry.create("star", 2).weights(0)), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 6, 8, 10, 12, 16, 18, 20, 32, 48, 64, 100})
  void staticExponentialRhoForEvenNIsOneMinusTwoOverTauPlusOne(int n) {
    int tau = 32 - Integer.numberOfLeadingZeros(n - 1);
    assertEquals(
        1 - 2.0 / (tau + 1),
        TopologyAnalysis.rho(TopologyRegistry.create("exp", n).weights(0)),
        1e-12);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 16, 33})
  void fullyConnectedHasRhoZeroAndAveragesInOneRound(int n) {
    TopologyProperties p = TopologyAnalysis.analyze(TopologyRegistry.create("fully-connected", n));
    assertEquals(0.0, p.rho(), 1e-12);
    assertEquals(n == 1 ? 0 : 1, p.roundsToExactAverage().getAsInt());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4, 8, 16, 32, 64, 128})
  void onePeerExponentialAndHypercubeAverageExactlyAfterTauRoundsForPowersOfTwo(int n) {
    int tau = Integer.numberOfTrailingZeros(n);
    for (String name : new String[] {"one-peer-exp", "one-peer-hypercube"}) {
      Topology t = TopologyRegistry.create(name, n);
      TopologyProperties p = TopologyAnalysis.analyze(t);
      assertEquals(tau, p.roundsToExactAverage().getAsInt(), name);
      assertEquals(0.0, p.rhoOfProduct(), 1e-12, name);
      assertEquals(1, p.maxInDegree() == 0 ? 1 : p.maxInDegree(), name);
      assertTrue(t.caveat().isEmpty(), name);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 5, 6, 7, 12, 100})
  void onePeerExponentialForOtherNMixesButIsNotExactAndSaysSo(int n) {
    Topology t = TopologyRegistry.create("one-peer-exp", n);
    TopologyProperties p = TopologyAnalysis.analyze(t);
    assertFalse(p.roundsToExactAverage().isPresent());
    assertTrue(p.rhoOfProduct() > 1e-6 && p.rhoOfProduct() < 1);
    assertTrue(t.caveat().orElseThrow().contains("not a power of two"));
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 9, 16, 25, 36})
  void gridUsesMetropolisHastingsWeights(int n) {
    WeightMatrix w = TopologyRegistry.create("grid", n).weights(0);
    int side = (int) Math.sqrt(n);
    // corner (deg 2) to edge (deg 3) neighbor: 1/(1+3); interior (deg 4) to its neighbors 1/5.
    assertEquals(side == 2 ? 1.0 / 3 : 0.25, w.get(0, 1), 1e-15);
    if (side >= 3) {
      int center = side + 1;
      assertEquals(0.2, w.get(center, center + 1), 1e-15);
      assertEquals(1 - 4 * 0.2, w.get(center, center), 1e-15);
    }
    assertTrue(w.isSymmetric());
  }

  @org.junit.jupiter.api.Test
  void baseGraphAveragesExactlyAfterItsSequenceForEveryNUpTo64AndKUpTo4() {
    for (int k = 1; k <= 4; k++) {
      for (int n = 2; n <= 64; n++) {
        Topology t = TopologyRegistry.create("base:k=" + k, n);
        TopologyProperties p = TopologyAnalysis.analyze(t);
        int length = t.period().getAsInt();
        assertEquals(length, p.roundsToExactAverage().getAsInt(), "base:k=" + k + " n=" + n);
        assertTrue(p.maxInDegree() <= k, "base:k=" + k + " n=" + n);
      }
    }
  }
}
