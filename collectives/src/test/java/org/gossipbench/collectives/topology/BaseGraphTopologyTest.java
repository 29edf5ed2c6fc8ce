package org.gossipbench.collectives.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseGraphTopologyTest {
  private static final double TOL = 1e-12;

  @ParameterizedTest(name = "n={0}, k={1}: {2} rounds")
  @CsvSource({
    // n, k, L from SPEC §2.1 (Takezawa et al. 2023)
    "5, 1, 5", "6, 1, 4", "12, 1, 5", "17, 1, 9", "25, 1, 9",
    "5, 2, 3", "6, 2, 2", "12, 2, 3", "17, 2, 5", "25, 2, 6",
    "5, 4, 1", "6, 4, 2", "12, 4, 2", "17, 4, 4", "25, 4, 2",
  })
  void sequenceLengthMatchesPaperTable(int n, int k, int expected) {
    assertEquals(expected, BaseGraphTopology.sequence(n, k).size());
    assertEquals(expected, BaseGraphTopology.create(n, k).period().getAsInt());
  }

  @Test
  void powerOfTwoWithOnePeerTakesLog2Rounds() {
    for (int m = 0; m <= 7; m++) {
      int n = 1 << m;
      assertEquals(Math.max(1, m), BaseGraphTopology.sequence(n, 1).size(), "n=" + n);
    }
  }

  @Test
  void smoothNUsesOneCliqueRoundPerGreedyFactor() {
    // Every prime factor <= k+1: the largest factors are taken greedily, one round each.
    assertEquals(5, BaseGraphTopology.sequence(32, 1).size()); // 2·2·2·2·2
    assertEquals(4, BaseGraphTopology.sequence(24, 2).size()); // 2·2·2·3
    assertEquals(3, BaseGraphTopology.sequence(27, 2).size()); // 3·3·3
    assertEquals(5, BaseGraphTopology.sequence(48, 2).size()); // 2·2·2·2·3
    assertEquals(2, BaseGraphTopology.sequence(12, 3).size()); // 3·4
    assertEquals(2, BaseGraphTopology.sequence(16, 3).size()); // 4·4
    assertEquals(3, BaseGraphTopology.sequence(60, 4).size()); // 3·4·5
  }

  @Test
  void hyperHypercubeRoundsAreCliquesAtGrowingStrides() {
    // n=6, k=2: factors 2 then 3, so pairs {i, i+1} and then triples {i, i+2, i+4}.
    List<WeightMatrix> sequence = BaseGraphTopology.sequence(6, 2);
    assertEquals(0.5, sequence.get(0).get(0, 1), TOL);
    assertEquals(0.5, sequence.get(0).get(5, 4), TOL);
    assertEquals(1, sequence.get(0).maxInDegree());
    assertEquals(1.0 / 3, sequence.get(1).get(1, 5), TOL);
    assertEquals(1.0 / 3, sequence.get(1).get(4, 0), TOL);
    assertEquals(0.0, sequence.get(1).get(0, 1), TOL);
    assertEquals(2, sequence.get(1).maxInDegree());
  }

  @Test
  void everyRoundIsDoublyStochasticWithBoundedInDegreeAndProductIsExactAverage() {
    for (int k = 1; k <= 4; k++) {
      for (int n = 1; n <= 64; n++) {
        List<WeightMatrix> sequence = BaseGraphTopology.sequence(n, k);
        double[][] product = identity(n);
        for (int r = 0; r < sequence.size(); r++) {
          WeightMatrix w = sequence.get(r);
          String context = "base k=" + k + " n=" + n + " round " + r;
          assertEquals(n, w.size(), context);
          w.validateDoublyStochastic(context, TOL);
          assertTrue(w.maxInDegree() <= k, context + ": in-degree " + w.maxInDegree());
          product = times(w, product);
        }
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            assertEquals(
                1.0 / n, product[i][j], TOL, "k=" + k + " n=" + n + " entry " + i + "," + j);
          }
        }
      }
    }
  }

  @Test
  void averagesExactlyForLargerAwkwardN() {
    // Several base-(k+1) digits and a large prime: exercises merging across many blocks.
    int[][] cases = {{127, 1}, {250, 2}, {97, 3}, {1000, 4}, {331, 7}};
    for (int[] c : cases) {
      List<WeightMatrix> sequence = BaseGraphTopology.sequence(c[0], c[1]);
      double[] x = new double[c[0]];
      for (int i = 0; i < x.length; i++) {
        x[i] = Math.sin(i + 1.0) * 10;
      }
      double mean = 0;
      for (double v : x) {
        mean += v / x.length;
      }
      for (WeightMatrix w : sequence) {
        assertTrue(w.maxInDegree() <= c[1]);
        double[] next = new double[x.length];
        w.multiply(x, next);
        x = next;
      }
      for (double v : x) {
        assertEquals(mean, v, 1e-9, "n=" + c[0] + " k=" + c[1]);
      }
    }
  }

  @Test
  void peersAtLeastNMinusOneGiveOneCompleteAveragingRound() {
    for (int k : new int[] {6, 7, 100, Integer.MAX_VALUE}) {
      List<WeightMatrix> sequence = BaseGraphTopology.sequence(7, k);
      assertEquals(1, sequence.size(), "k=" + k);
      for (int i = 0; i < 7; i++) {
        for (int j = 0; j < 7; j++) {
          assertEquals(1.0 / 7, sequence.get(0).get(i, j), TOL);
        }
      }
    }
  }

  @Test
  void singleNodeIsOneIdentityRound() {
    assertEquals(List.of(WeightMatrix.identity(1)), BaseGraphTopology.sequence(1, 3));
  }

  @Test
  void createReturnsPeriodicTopologyNamedWithK() {
    Topology t = BaseGraphTopology.create(6, 1);
    assertEquals("base:k=1", t.name());
    assertEquals(6, t.size());
    assertTrue(t.isTimeVarying());
    assertEquals(4, t.period().getAsInt());
    assertEquals(t.weights(0), t.weights(4));
    assertFalse(t.caveat().isPresent());
  }

  @Test
  void rejectsFewerThanOnePeer() {
    TopologyException e =
        assertThrows(TopologyException.class, () -> BaseGraphTopology.create(8, 0));
    assertFalse(e.getMessage().contains("\n"));
    assertThrows(TopologyException.class, () -> BaseGraphTopology.create(8, -3));
  }

  @Test
  void rejectsEmptyGraph() {
    assertThrows(TopologyException.class, () -> BaseGraphTopology.create(0, 1));
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1.0;
    }
    return m;
  }

  /** W · M, applying W after the rounds already in M. */
  private static double[][] times(WeightMatrix w, double[][] m) {
    int n = m.length;
    double[][] out = new double[n][n];
    double[] column = new double[n];
    double[] result = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        column[i] = m[i][j];
      }
      w.multiply(column, result);
      for (int i = 0; i < n; i++) {
        out[i][j] = result[i];
      }
    }
    return out;
  }
}
