package org.gossipbench.workloads.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.workloads.synthetic.HeterogeneousQuadratic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuadraticTheoryTest {

  @Test
  void shouldGivePsgdsClosedFormForTheAveragingMatrix() {
    HeterogeneousQuadratic p = new HeterogeneousQuadratic(8, 6, 2.0, 1.5, 3);
    QuadraticTheory.SteadyState s =
        QuadraticTheory.dsgd(
            TopologyRegistry.create("fully-connected", 8, 1).weights(0), 0.1, p.centers(), 1.5);
    assertEquals(0.0, s.bias(), 1e-20, "exact averaging has no heterogeneity bias");
    assertEquals(QuadraticTheory.psgd(8, 6, 0.1, 1.5), s.noise(), 1e-12);
  }

  @Test
  void shouldScaleDsgdsBiasExactlyAsBSquared() {
    var w = TopologyRegistry.create("ring", 8, 1).weights(0);
    double one =
        QuadraticTheory.dsgd(w, 0.05, new HeterogeneousQuadratic(8, 4, 1, 0, 5).centers(), 0)
            .bias();
    double three =
        QuadraticTheory.dsgd(w, 0.05, new HeterogeneousQuadratic(8, 4, 3, 0, 5).centers(), 0)
            .bias();
    assertEquals(9.0, three / one, 1e-9);
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 8, 16, 32})
  void shouldSumTheRingsModesForItsConsensusNoise(int n) {
    double expected = 0;
    for (int k = 1; k < n; k++) {
      double lambda = (1 + 2 * Math.cos(2 * Math.PI * k / n)) / 3;
      expected += lambda * lambda / (1 - lambda * lambda);
    }
    expected /= n;
    double s = QuadraticTheory.consensusNoise(TopologyRegistry.create("ring", n, 1)).orElseThrow();
    assertEquals(expected, s, 1e-9 * expected);
  }

  @Test
  void shouldReachTheTimeVaryingSteadyStateOfOnePeerExponential() {
    // n = 8: W^(0) W^(1) W^(2) is exactly the average, so the sum is finite and periodic
    double s =
        QuadraticTheory.consensusNoise(TopologyRegistry.create("one-peer-exp", 8, 1)).orElseThrow();
    assertEquals(0.5, s, 1e-12);
  }

  @Test
  void shouldRefuseTheHarmonicScheduleForAlgorithmsWithMoreThanOneGradientAStep() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new QuadraticRun(
                    "gradient-tracking",
                    "ring",
                    new HeterogeneousQuadratic(4, 2, 0, 1, 1),
                    1.0,
                    StepSchedule.HARMONIC,
                    10));
    assertEquals(true, e.getMessage().contains("harmonic"), e.getMessage());
  }
}
