package org.gossipbench.collectives.transport.nccl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.TopologySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeighborPlanTest {

  /** Every send of every phase must meet exactly one receive on its destination, and back. */
  @ParameterizedTest
  @CsvSource({"ring,4", "ring,2", "one-peer-exp,8", "one-peer-exp,2", "exp,8", "ring,1"})
  void shouldMatchEverySendWithAReceiveInTheSamePhase(String graph, int n) {
    Topology t = TopologyRegistry.create(TopologySpec.parse(graph), n, 1);
    NcclNeighborAverage.Phase[][] plans = new NcclNeighborAverage.Phase[n][];
    for (int r = 0; r < n; r++) {
      plans[r] = NcclNeighborAverage.plan(t, r);
    }
    for (int k = 0; k < plans[0].length; k++) {
      for (int r = 0; r < n; r++) {
        NcclNeighborAverage.Phase p = plans[r][k];
        double total = p.selfWeight();
        for (double w : p.weights()) {
          total += w;
        }
        assertEquals(1.0, total, 1e-12, graph + " row " + r + " phase " + k);
        for (int d : p.destinations()) {
          int me = r;
          assertEquals(
              1,
              Arrays.stream(plans[d][k].sources()).filter(s -> s == me).count(),
              graph + ": " + r + " sends to " + d + " in phase " + k);
        }
        for (int s : p.sources()) {
          int me = r;
          assertTrue(Arrays.stream(plans[s][k].destinations()).anyMatch(d -> d == me));
        }
        assertTrue(isAscending(p.sources()), "row order is ascending rank");
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"one-peer-exp,8,3", "ring,8,1"})
  void shouldPlanOnePhasePerIterationOfThePeriod(String graph, int n, int phases) {
    Topology t = TopologyRegistry.create(TopologySpec.parse(graph), n, 1);
    assertEquals(phases, NcclNeighborAverage.plan(t, 0).length);
  }

  @ParameterizedTest
  @CsvSource({"od-equidyn,8"})
  void shouldRefuseATopologyWithoutAPeriod(String graph, int n) {
    Topology t = TopologyRegistry.create(TopologySpec.parse(graph), n, 1);
    assertTrue(t.isTimeVarying() && t.period().isEmpty(), graph + " is aperiodic");
    assertThrows(IllegalArgumentException.class, () -> NcclNeighborAverage.plan(t, 0));
  }

  private static boolean isAscending(int[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i] <= a[i - 1]) {
        return false;
      }
    }
    return true;
  }
}
