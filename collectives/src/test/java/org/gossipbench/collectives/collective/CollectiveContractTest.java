package org.gossipbench.collectives.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.topology.HierarchicalTopology;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyException;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.transport.local.LocalTransport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered algorithm of every registered op, on every topology the op needs, for n = 1..17
 * and awkward sizes, on heap and on direct buffers, against its op's exact expected result and
 * bus-bandwidth factor. Vendor algorithms run where their transport is (CollectiveConformance under
 * it).
 */
class CollectiveContractTest {
  static final int[] COUNTS = {0, 1, 5, 17, 100, 1003};
  static final int SEGMENT = 16;
  static final int ITERATIONS = 4;

  static Stream<Arguments> collectives() {
    List<String> topologies = new ArrayList<>(TopologyRegistry.names());
    // Base-(k+1) with k > 1 has phases of different in-degree (a phase can need more scratch than
    // the one before it): the case that broke neighbor averaging once.
    topologies.addAll(List.of("base:k=2", "base:k=3"));
    // hierarchical groups around static and time-varying inter-group graphs
    topologies.addAll(
        List.of("hier:group=3:inter=exp", "hier:group=4:inter=one-peer-exp", "hier:group=1"));
    List<Arguments> cases = new ArrayList<>();
    for (CollectiveRegistry.Entry e : CollectiveRegistry.entries()) {
      if (!e.runsOver("local")) {
        continue;
      }
      for (String topology : e.needsTopology() ? topologies : List.of("-")) {
        for (int n = 1; n <= 17; n++) {
          cases.add(Arguments.of(e.op(), e.algorithm(), topology, n));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}/{1} {2} n={3}")
  @MethodSource("collectives")
  void shouldGiveTheOpsExactResultAndBusFactor(
      String op, String algorithm, String topology, int n) {
    CollectiveOp operation = CollectiveRegistry.op(op);
    Topology t = topology.equals("-") ? null : topologyOrAbort(topology, n);
    boolean hierarchical = algorithm.equals("hierarchical");
    Assumptions.assumeTrue(
        !hierarchical || t instanceof HierarchicalTopology, "runs over hier topologies only");
    // sum in the group, scale by 1/G, then mix: a few roundings more than W's one weighted sum
    double relativeTolerance = hierarchical ? 1e-6 : 0.0;
    for (DType type : DType.values()) {
      for (ReduceOp reduce : ReduceOp.values()) {
        CollectiveOptions options =
            CollectiveOptions.defaults()
                .withReduceOp(reduce)
                .withSegmentElements(SEGMENT)
                .withTopology(t)
                .withRoot(n / 2);
        LocalTransport.create(n, Duration.ofSeconds(30))
            .run(
                comm -> {
                  for (int count : COUNTS) {
                    for (boolean direct : new boolean[] {false, true}) {
                      int length = operation.bufferLength(count, n);
                      Buf data =
                          direct ? Buf.allocateDirect(type, length) : Buf.allocate(type, length);
                      Collective c =
                          CollectiveRegistry.create(op, algorithm, comm, data, count, options);
                      for (int k = 0; k < ITERATIONS; k++) {
                        String what =
                            op
                                + "/"
                                + algorithm
                                + " "
                                + topology
                                + " n="
                                + n
                                + " count="
                                + count
                                + " "
                                + type.label()
                                + " "
                                + reduce.label()
                                + (direct ? " direct" : " heap")
                                + " rank "
                                + comm.rank()
                                + " iteration "
                                + k;
                        operation.fill(data, comm.rank(), count);
                        c.run(k);
                        IntToDoubleFunction exact =
                            operation.expected(type, comm.rank(), n, count, options, k);
                        for (int i = 0; i < data.length(); i++) {
                          double expected = exact.applyAsDouble(i);
                          assertEquals(
                              expected,
                              data.getDouble(i),
                              relativeTolerance * Math.abs(expected),
                              what + " element " + i);
                        }
                        assertEquals(
                            operation.busBandwidthFactor(n, comm.rank(), t, k),
                            c.busBandwidthFactor(k),
                            0.0,
                            what + ": bus-bandwidth factor");
                      }
                    }
                  }
                });
      }
    }
  }

  private static Topology topologyOrAbort(String name, int n) {
    try {
      return TopologyRegistry.create(name, n);
    } catch (TopologyException e) {
      Assumptions.abort(name + " does not exist for n=" + n + ": " + e.getMessage());
      return null;
    }
  }

  @Test
  void everyOpHasItsDefaultAlgorithmAndEveryAlgorithmAnOp() {
    assertFalse(CollectiveRegistry.ops().isEmpty());
    for (String op : CollectiveRegistry.ops()) {
      CollectiveOp operation = CollectiveRegistry.op(op);
      assertEquals(op, operation.name());
      assertTrue(
          CollectiveRegistry.algorithms(op).contains(operation.defaultAlgorithm()),
          op + " defaults to unregistered " + operation.defaultAlgorithm());
    }
    for (CollectiveRegistry.Entry e : CollectiveRegistry.entries()) {
      assertEquals(e.op(), e.operation().name());
    }
  }
}
