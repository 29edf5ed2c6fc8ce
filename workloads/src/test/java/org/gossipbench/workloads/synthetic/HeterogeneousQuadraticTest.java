package org.gossipbench.workloads.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeterogeneousQuadraticTest {

  static double[] gradient(HeterogeneousQuadratic p, int rank, double[] at, int draws) {
    NoisyQuadraticModel m = p.node(rank, at);
    DoubleBuf g = new DoubleBuf(new double[p.dimension()]);
    for (int i = 0; i < draws; i++) {
      m.gradient(null, g);
    }
    return g.array().clone();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.5, 3.0})
  void shouldMakeBSquaredTheHeterogeneityAtTheOptimum(double b) {
    HeterogeneousQuadratic p = new HeterogeneousQuadratic(16, 7, b, 0.0, 11);
    assertEquals(b * b, p.heterogeneity(), 1e-12 * Math.max(1, b * b));
    double sum = 0;
    for (int i = 0; i < 16; i++) {
      for (double gj : gradient(p, i, p.optimum(), 1)) {
        sum += gj * gj;
      }
    }
    assertEquals(b * b, sum / 16, 1e-12 * Math.max(1, b * b), "(1/n) sum ||grad f_i(x*)||^2");
  }

  @Test
  void shouldDrawTheSameNoiseForEveryBAndOtherNoiseForEveryRankAndSeed() {
    HeterogeneousQuadratic a = new HeterogeneousQuadratic(4, 5, 0.0, 1.0, 3);
    HeterogeneousQuadratic b = new HeterogeneousQuadratic(4, 5, 2.0, 1.0, 3);
    double[] noiseA = gradient(a, 1, a.optimum(), 3);
    double[] noiseB = gradient(b, 1, b.optimum(), 3);
    double[] exactB = gradient(new HeterogeneousQuadratic(4, 5, 2.0, 0.0, 3), 1, b.optimum(), 3);
    for (int j = 0; j < 5; j++) {
      assertEquals(noiseA[j], noiseB[j] - exactB[j], 1e-12);
    }
    assertFalse(Arrays.equals(noiseA, gradient(a, 2, a.optimum(), 3)));
    HeterogeneousQuadratic next = new HeterogeneousQuadratic(4, 5, 0.0, 1.0, 4);
    // seeds s and s + 1 must not give one stream shifted by a draw
    double[] shifted = gradient(next, 1, next.optimum(), 2);
    assertFalse(Arrays.equals(noiseA, shifted));
    assertFalse(
        Arrays.equals(gradient(a, 1, a.optimum(), 2), gradient(next, 1, next.optimum(), 3)));
  }

  @Test
  void shouldBeDeterministicInTheSeed() {
    HeterogeneousQuadratic p = new HeterogeneousQuadratic(3, 4, 1.0, 0.7, 9);
    assertArrayEquals(p.centers()[2], new HeterogeneousQuadratic(3, 4, 1.0, 0.7, 9).centers()[2]);
    assertArrayEquals(gradient(p, 0, new double[4], 5), gradient(p, 0, new double[4], 5));
  }

  @Test
  void shouldRefuseBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> new HeterogeneousQuadratic(0, 1, 0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new HeterogeneousQuadratic(2, 0, 0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new HeterogeneousQuadratic(2, 1, -1, 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new HeterogeneousQuadratic(2, 1, 0, Double.NaN, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new HeterogeneousQuadratic(2, 1, 0, 0, 1).node(2, new double[1]));
  }
}
