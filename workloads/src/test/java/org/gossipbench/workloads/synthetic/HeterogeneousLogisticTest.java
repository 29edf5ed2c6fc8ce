package org.gossipbench.workloads.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeterogeneousLogisticTest {

  static HeterogeneousLogistic.LogisticProblem problem(double zeta) {
    return new HeterogeneousLogistic(4, 200, 6, 3, zeta, 0.01, 100, 11).generate();
  }

  @Test
  void shouldReachAStationaryPointOfTheWholeObjective() {
    HeterogeneousLogistic.LogisticProblem p = problem(1);
    assertTrue(p.gradientNormAtOptimum() < 1e-10, "|grad f(x*)| = " + p.gradientNormAtOptimum());
    assertEquals(3 * 6 + 3, p.optimum().length);
    assertTrue(p.optimalValue() > 0 && p.optimalValue() < Math.log(3));
  }

  @Test
  void shouldGrowHeterogeneityWithZeta() {
    double b0 = problem(0).heterogeneity();
    double b1 = problem(1).heterogeneity();
    double b3 = problem(3).heterogeneity();
    // at zeta = 0 only finite samples make the nodes differ
    assertTrue(b0 < b1 && b1 < b3, "b² " + b0 + ", " + b1 + ", " + b3);
    assertTrue(b3 > 5 * b0, "b² " + b0 + " vs " + b3);
  }

  @Test
  void shouldRepeatFromTheSeed() {
    assertArrayEquals(problem(1).optimum(), problem(1).optimum(), 0.0);
    assertEquals(problem(1).heterogeneity(), problem(1).heterogeneity(), 0.0);
  }

  @Test
  void shouldRejectNonsense() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new HeterogeneousLogistic(4, 10, 3, 1, 1, 0.01, 10, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new HeterogeneousLogistic(4, 10, 3, 3, 1, 0, 10, 1));
  }
}
