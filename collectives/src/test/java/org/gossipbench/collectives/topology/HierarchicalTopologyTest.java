package org.gossipbench.collectives.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** W = T ⊗ (1/G)·11ᵀ, entry by entry, and what follows from it: ρ(W) = ρ(T), T's exact rounds. */
class HierarchicalTopologyTest {

  @ParameterizedTest(name = "{0}, n={1}, G={2}")
  @CsvSource({"ring,12,3", "exp,16,4", "one-peer-exp,16,2", "base,12,2", "torus,18,2"})
  void shouldBeTheGroupMeansMixedByTheInterTopology(String inter, int n, int group) {
    Topology h = TopologyRegistry.create("hier:group=" + group + ":inter=" + inter, n);
    Topology t = TopologyRegistry.create(inter, n / group);
    assertEquals(t.isTimeVarying(), h.isTimeVarying());
    assertEquals(t.period(), h.period());
    for (long k = 0; k < 2L * t.period().orElse(3); k++) {
      WeightMatrix w = h.weights(k);
      WeightMatrix tk = t.weights(k);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          assertEquals(tk.get(i / group, j / group) / group, w.get(i, j), 1e-15, i + "," + j);
        }
      }
    }
    TopologyProperties hp = TopologyAnalysis.analyze(h);
    TopologyProperties tp = TopologyAnalysis.analyze(t);
    assertEquals(tp.rho(), hp.rho(), 1e-9, "rho(W) = rho(T)");
    assertEquals(tp.roundsToExactAverage(), hp.roundsToExactAverage());
    // the canonical name rebuilds the same matrices
    assertEquals(h.weights(1), TopologyRegistry.create(h.name(), n).weights(1));
  }

  @Test
  void shouldAverageExactlyInOneRoundWithOneGroupAndBeTheInterTopologyWithGroupsOfOne() {
    TopologyProperties one = TopologyAnalysis.analyze(TopologyRegistry.create("hier:group=8", 8));
    assertEquals(OptionalInt.of(1), one.roundsToExactAverage());
    assertEquals(0, one.rho(), 1e-12);
    assertEquals(
        TopologyRegistry.create("ring", 8).weights(0),
        TopologyRegistry.create("hier:group=1:inter=ring", 8).weights(0));
  }

  @Test
  void shouldCarryTheSeedOfARandomInterTopologyInItsName() {
    Topology h = TopologyRegistry.create("hier:group=4:inter=erdos-renyi:seed=7", 32);
    assertEquals("hier:group=4:inter=erdos-renyi:seed=7", h.name());
    assertEquals(
        TopologyRegistry.create("erdos-renyi:seed=7", 8).weights(0).get(0, 1) / 4,
        h.weights(0).get(0, 4),
        1e-15);
    assertEquals("hier:group=4:inter=ring", TopologyRegistry.create("hier:group=4", 32).name());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "hier:group=3|8|hier: group=3 does not divide n=8",
        "hier:group=0|8|hier: parameter group=0 must be at least 1",
        "hier:group=2:inter=directed-random|8|is column stochastic only",
        "hier:group=2:inter=hier|8|inter=hier is not allowed",
        "hier:group=2:inter=nosuch|8|unknown topology 'nosuch'; known: fully-connected",
        "hier:group=2:inter=one-peer-hypercube|12|inter-group topology for m=6 groups",
      })
  void shouldRefuseBadGroupsAndInterTopologiesInOneLine(String spec, int n, String message) {
    TopologyException e =
        assertThrows(TopologyException.class, () -> TopologyRegistry.create(spec, n));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
