package org.gossipbench.collectives.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gossipbench.collectives.topology.TopologyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HierarchicalCostModelTest {
  static final long S = 1 << 20;

  static CostModel.Counts counts(String topology) {
    return CollectiveRegistry.get("neighbor-average", "hierarchical")
        .cost()
        .orElseThrow()
        .counts(8, S, 1 << 16, TopologyRegistry.create(topology, 8, 1));
  }

  /**
   * n = 8 by hand. Intra: a ring of G ranks, 2(G−1) rounds of S/G, then ceil(log2 G) broadcast hops
   * of S. Inter: one round, d·S with d the leaders' in-degree over the n/G groups.
   */
  @ParameterizedTest
  @CsvSource({
    // G=4: 6 ring rounds of S/4 (1.5 S) + 2 hops (2 S); 2 groups: one-peer-exp and ring have d=1
    "hier:group=4:inter=one-peer-exp, 8, 3.5, 1, 1",
    "hier:group=4:inter=ring,         8, 3.5, 1, 1",
    // G=2: 2 ring rounds of S/2 (1 S) + 1 hop (1 S); 4 groups: one-peer-exp d=1, ring d=2
    "hier:group=2:inter=one-peer-exp, 3, 2.0, 1, 1",
    "hier:group=2:inter=ring,         3, 2.0, 1, 2",
  })
  void shouldSplitTheCountsIntoIntraAndInterGroupLinks(
      String topology, double intraRounds, double intraS, double interRounds, double interS) {
    CostModel.Counts c = counts(topology);
    assertEquals(intraRounds, c.intraRounds(), 1e-12);
    assertEquals(intraS * S, c.intraBytes(), 1e-6);
    assertEquals(interRounds, c.interRounds(), 1e-12);
    assertEquals(interS * S, c.interBytes(), 1e-6);
    assertEquals(intraRounds + interRounds, c.rounds(), 1e-12);
    assertEquals((intraS + interS) * S, c.bytes(), 1e-6);
  }

  @Test
  void shouldKeepFlatCountsIntraGroupUnlessMovedAcrossGroups() {
    CostModel.Counts ring =
        CollectiveRegistry.get("allreduce", "ring").cost().orElseThrow().counts(8, S, S, null);
    assertEquals(0, ring.interRounds());
    assertEquals(0, ring.interBytes());
    CostModel.Counts across = ring.acrossGroups();
    assertEquals(14, across.interRounds());
    assertEquals(1.75 * S, across.interBytes(), 1e-6);
    assertEquals(0, across.intraRounds());
    assertEquals(0, across.intraBytes());
  }

  @Test
  void shouldRejectInterGroupCountsBeyondTheTotals() {
    assertThrows(IllegalArgumentException.class, () -> new CostModel.Counts(1, 10, 2, 5));
    assertThrows(IllegalArgumentException.class, () -> new CostModel.Counts(1, 10, 1, 11));
  }
}
