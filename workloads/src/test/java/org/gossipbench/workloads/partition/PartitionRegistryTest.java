package org.gossipbench.workloads.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionRegistryTest {
  @ParameterizedTest
  @CsvSource({
    "iid, iid",
    "sorted, sorted",
    "dirichlet:alpha=0.10, dirichlet:alpha=0.1",
    "dirichlet:alpha=1, dirichlet:alpha=1",
    "dirichlet:alpha=1e2, dirichlet:alpha=100"
  })
  void shouldParseASpecIntoItsCanonicalForm(String spec, String canonical) {
    assertEquals(canonical, PartitionRegistry.parse(spec).spec());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "shuffled|unknown partition 'shuffled'; known: iid, dirichlet, sorted",
        "dirichlet|partition 'dirichlet': missing parameter alpha, e.g. dirichlet:alpha=0.5",
        "dirichlet:alpha=0|dirichlet: alpha must be a positive number, got 0",
        "dirichlet:alpha=-1|dirichlet: alpha must be a positive number, got -1",
        "dirichlet:alpha=NaN|dirichlet: alpha must be a positive number, got NaN",
        "dirichlet:alpha=x|dirichlet: alpha 'x' is not a number",
        "dirichlet:beta=1|partition 'dirichlet:beta=1': unknown parameter 'beta'; known: alpha",
        "dirichlet:alpha=1:alpha=2|partition 'dirichlet:alpha=1:alpha=2': parameter 'alpha' given"
            + " twice",
        "iid:seed=3|partition 'iid:seed=3': unknown parameter 'seed' (iid takes none)",
        "sorted:desc|partition 'sorted:desc': parameter 'desc' is not key=value"
      })
  void shouldRejectABadSpecInOneLine(String spec, String message) {
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> PartitionRegistry.parse(spec))
            .getMessage());
  }

  @Test
  void shouldDescribeEveryPartitionInOneSentence() {
    assertEquals(List.of("iid", "dirichlet", "sorted"), PartitionRegistry.names());
    for (PartitionRegistry.Entry e : PartitionRegistry.entries().values()) {
      assertTrue(e.description().endsWith("."), e.name());
      assertTrue(!e.description().contains("\n"), e.name());
    }
    assertEquals(List.of("alpha=A"), PartitionRegistry.entries().get("dirichlet").parameters());
  }
}
