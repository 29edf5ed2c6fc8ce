package org.gossipbench.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlphaBetaModelTest {

  @Test
  void shouldRecoverAlphaAndBetaFromExactTimes() {
    double alpha = 50e-6;
    double beta = 8e-9; // 1 Gbit/s
    List<AlphaBetaModel.Observation> obs = new ArrayList<>();
    for (String[] c :
        new String[][] {
          {"allreduce", "ring", "-"},
          {"allreduce", "parameter-server", "-"},
          {"neighbor-average", "neighbor", "one-peer-exp"},
          {"neighbor-average", "neighbor", "exp"}
        }) {
      for (int n : new int[] {4, 8}) {
        for (long s : new long[] {1 << 20, 16 << 20, 100 << 20}) {
          AlphaBetaModel.Observation shape = AlphaBetaModel.observe(c[0], c[1], c[2], n, s, 1, 1);
          obs.add(
              AlphaBetaModel.observe(
                  c[0], c[1], c[2], n, s, shape.messages() * alpha + shape.bytes() * beta, 1));
        }
      }
    }
    AlphaBetaModel.Fit fit = AlphaBetaModel.fit(obs);
    assertEquals(alpha, fit.alpha(), 1e-12);
    assertEquals(beta, fit.beta(), 1e-15);
    assertEquals(1.0, fit.gbitPerSecond(), 1e-9);
    assertEquals(List.of(), AlphaBetaModel.outliers(fit, obs, 1e-9));
  }

  @Test
  void shouldUseTheAlgorithmsMessageCounts() {
    AlphaBetaModel.Observation ring =
        AlphaBetaModel.observe("allreduce", "ring", "-", 8, 800, 1, 1);
    assertEquals(14, ring.messages());
    assertEquals(1400, ring.bytes(), 1e-9);
    AlphaBetaModel.Observation ps =
        AlphaBetaModel.observe("allreduce", "parameter-server", "-", 8, 800, 1, 1);
    assertEquals(
        5600, ps.bytes(), 1e-9); // (n-1) S: the server's link carries each direction at once
    assertEquals(
        1,
        AlphaBetaModel.observe("neighbor-average", "neighbor", "one-peer-exp", 8, 800, 1, 1)
            .messages());
    assertEquals(
        3, AlphaBetaModel.observe("neighbor-average", "neighbor", "exp", 8, 800, 1, 1).messages());
    assertEquals(
        2, AlphaBetaModel.observe("neighbor-average", "neighbor", "ring", 8, 800, 1, 1).messages());
    assertThrows(
        IllegalArgumentException.class,
        () -> AlphaBetaModel.observe("broadcast", "binomial", "-", 8, 800, 1, 1));
  }
}
