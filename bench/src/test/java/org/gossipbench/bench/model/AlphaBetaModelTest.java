package org.gossipbench.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlphaBetaModelTest {
  private static final long MIB = 1 << 20;

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
          AlphaBetaModel.Observation shape =
              AlphaBetaModel.observe(c[0], c[1], c[2], n, s, MIB, 1, 1);
          obs.add(
              AlphaBetaModel.observe(
                  c[0], c[1], c[2], n, s, MIB, shape.rounds() * alpha + shape.bytes() * beta, 1));
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
        AlphaBetaModel.observe("allreduce", "ring", "-", 8, 800, MIB, 1, 1);
    assertEquals(14, ring.rounds());
    assertEquals(1400, ring.bytes(), 1e-9);
    AlphaBetaModel.Observation ps =
        AlphaBetaModel.observe("allreduce", "parameter-server", "-", 8, 800, MIB, 1, 1);
    // One segment: the averages go out only after the gradients are in, 2 (n-1) S.
    assertEquals(11200, ps.bytes(), 1e-9);
    // 100 segments pipelined through the full-duplex server link: (n-1)(S + s).
    assertEquals(
        7.0 * 101 * MIB,
        AlphaBetaModel.observe("allreduce", "parameter-server", "-", 8, 100 * MIB, MIB, 1, 1)
            .bytes(),
        1e-6);
    assertEquals(2, ps.rounds()); // all receives in one round, all sends in the next
    AlphaBetaModel.Observation onePeer =
        AlphaBetaModel.observe("neighbor-average", "neighbor", "one-peer-exp", 8, 800, MIB, 1, 1);
    AlphaBetaModel.Observation exp =
        AlphaBetaModel.observe("neighbor-average", "neighbor", "exp", 8, 800, MIB, 1, 1);
    AlphaBetaModel.Observation ringNeighbors =
        AlphaBetaModel.observe("neighbor-average", "neighbor", "ring", 8, 800, MIB, 1, 1);
    assertEquals(1, onePeer.rounds());
    assertEquals(1, exp.rounds()); // one round, however many neighbors
    assertEquals(800, onePeer.bytes(), 1e-9);
    assertEquals(2400, exp.bytes(), 1e-9); // in-degree 3 at n = 8
    assertEquals(1600, ringNeighbors.bytes(), 1e-9);
    assertThrows(
        IllegalArgumentException.class,
        () -> AlphaBetaModel.observe("broadcast", "binomial", "-", 8, 800, MIB, 1, 1));
  }

  @Test
  void shouldRebuildARandomTopologyWithTheRunsSeed() {
    // d-equistatic at n = 8: largest in-degree 5 with seed 1, 6 with seed 3.
    assertEquals(
        5 * 800.0,
        AlphaBetaModel.observe("neighbor-average", "neighbor", "d-equistatic", 8, 800, MIB, 1, 1)
            .bytes(),
        1e-9);
    assertEquals(
        6 * 800.0,
        AlphaBetaModel.observe("neighbor-average", "neighbor", "d-equistatic", 8, 800, MIB, 1, 3)
            .bytes(),
        1e-9);
  }

  @Test
  void shouldRefuseAnUnknownCollectiveOnOneLine() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AlphaBetaModel.observe("reduce", "ring", "-", 8, 800, MIB, 1, 1));
    assertEquals(
        "unknown op 'reduce'; known: allreduce, neighbor-average, broadcast, allgather",
        e.getMessage());
  }
}
