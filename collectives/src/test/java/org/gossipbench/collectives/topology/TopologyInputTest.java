package org.gossipbench.collectives.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopologyInputTest {

  @Test
  void shouldParseNameAndParametersInOrder() {
    TopologySpec s = TopologySpec.parse("grid:rows=4:cols=8");
    assertEquals("grid", s.name());
    assertEquals(Map.of("rows", "4", "cols", "8"), s.parameters());
    assertEquals("grid:rows=4:cols=8", s.toString());
    assertEquals(3, TopologySpec.parseList("ring,exp,erdos-renyi:p=0.3:seed=7").size());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "Ring;malformed topology name",
        "grid:rows;malformed parameter 'rows'",
        "grid:rows=;malformed parameter",
        "grid:=4;malformed parameter",
        "grid:rows=4:rows=5;given twice",
        "'';empty topology spec"
      })
  void shouldRejectMalformedSpecsWithOneLine(String spec, String expected) {
    TopologyException e =
        assertThrows(TopologyException.class, () -> TopologyRegistry.create(spec, 8));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void shouldListKnownNamesForAnUnknownTopology() {
    TopologyException e =
        assertThrows(TopologyException.class, () -> TopologyRegistry.create("hypercube", 8));
    for (String name : TopologyRegistry.names()) {
      assertTrue(e.getMessage().contains(name), name);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "ring:k=2;8;has no parameter 'k'",
        "grid:rows=3:cols=4;8;does not multiply to n=8",
        "torus:rows=3;8;does not multiply to n=8",
        "grid:rows=x;8;rows=x is not an integer",
        "erdos-renyi:p=1.5;8;must be in (0.0, 1.0]",
        "erdos-renyi:p=0.001;30;no connected G(n=30",
        "one-peer-hypercube;6;n=6 is not",
        "ring;0;n must be at least 1",
        "d-equistatic:m=0;8;m",
        "od-equidyn:eta=0;8;eta"
      })
  void shouldRejectTopologiesThatDoNotExistForTheInput(String spec, int n, String expected) {
    TopologyException e =
        assertThrows(TopologyException.class, () -> TopologyRegistry.create(spec, n));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void shouldNameTopologyIterationAndRowWhenAMatrixIsNotStochastic() {
    WeightMatrix bad = WeightMatrix.builder(3).add(0, 0, 0.5).add(1, 1, 1).add(2, 2, 1).build();
    TopologyException e =
        assertThrows(
            TopologyException.class,
            () -> bad.validateDoublyStochastic("custom n=3 iteration 4", 1e-12));
    assertTrue(
        e.getMessage().startsWith("custom n=3 iteration 4: row 0 sums to 0.5"), e.getMessage());
    WeightMatrix badColumn = WeightMatrix.builder(2).add(0, 0, 1).add(1, 0, 1).build();
    e = assertThrows(TopologyException.class, () -> badColumn.validateDoublyStochastic("c", 1e-12));
    assertTrue(
        e.getMessage().contains("row 1 sums to 1.0")
            || e.getMessage().contains("column 0 sums to 2.0"),
        e.getMessage());
  }

  @Test
  void shouldRejectDisconnectedPeriodicTopologies() {
    Topology split = new StaticTopology("split", WeightMatrix.identity(3));
    TopologyException e =
        assertThrows(TopologyException.class, () -> TopologyValidator.validate(split));
    assertTrue(e.getMessage().contains("not strongly connected"), e.getMessage());
  }

  @Test
  void shouldDrawTheSameRandomGraphFromTheSameSeedOnly() {
    assertEquals(
        TopologyRegistry.create("erdos-renyi:p=0.3:seed=7", 20).weights(0),
        TopologyRegistry.create("erdos-renyi:p=0.3", 20, 7).weights(0));
    assertFalse(
        TopologyRegistry.create("erdos-renyi:p=0.3:seed=7", 20)
            .weights(0)
            .equals(TopologyRegistry.create("erdos-renyi:p=0.3:seed=8", 20).weights(0)));
  }
}
