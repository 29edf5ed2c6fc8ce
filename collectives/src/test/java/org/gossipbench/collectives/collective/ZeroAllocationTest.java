package org.gossipbench.collectives.collective;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.transport.local.LocalTransport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A planned collective allocates nothing per iteration, on heap and on direct buffers (which mix
 * with the collectives' own heap scratch): after warm-up, a thousand more iterations on every rank
 * allocate less than one object's worth of bytes in total (the JVM's per-thread allocation counter;
 * any per-iteration allocation would add at least 16 kB).
 */
class ZeroAllocationTest {
  private static final int ITERATIONS = 1000;
  private static final long BUDGET_BYTES = 2048;

  static Stream<Arguments> collectives() {
    List<Arguments> cases = new ArrayList<>();
    for (CollectiveRegistry.Entry e : CollectiveRegistry.entries()) {
      String[] defaults = {"ring", "exp", "one-peer-exp", "base:k=2", "torus", "d-equistatic"};
      for (String t : CollectiveConformance.topologiesFor(e, defaults, 6)) {
        cases.add(Arguments.of(e.op(), e.algorithm(), t, "heap"));
        cases.add(Arguments.of(e.op(), e.algorithm(), t, "direct"));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}/{1} {2} {3}")
  @MethodSource("collectives")
  void shouldNotAllocatePerIteration(String op, String algorithm, String topology, String memory) {
    com.sun.management.ThreadMXBean bean =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(
        bean.isThreadAllocatedMemorySupported(),
        "this JVM cannot count allocated bytes per thread");
    int n = 6;
    int count = 3000;
    Topology t = topology.equals("-") ? null : TopologyRegistry.create(topology, n);
    CollectiveOptions options =
        CollectiveOptions.defaults()
            .withSegmentElements(512)
            .withTopology(t)
            .withReduceOp(ReduceOp.AVG);
    ConcurrentHashMap<Integer, Long> allocated = new ConcurrentHashMap<>();
    LocalTransport.create(n, Duration.ofSeconds(60))
        .run(
            comm -> {
              CollectiveRegistry.Entry e = CollectiveRegistry.get(op, algorithm);
              int length = e.bufferLength(count, n);
              Buf data =
                  memory.equals("direct")
                      ? Buf.allocateDirect(DType.FLOAT32, length)
                      : Buf.allocate(DType.FLOAT32, length);
              Collective c = CollectiveRegistry.create(op, algorithm, comm, data, count, options);
              long k = 0;
              for (; k < 300; k++) {
                c.run(k);
              }
              comm.barrier();
              long before = bean.getCurrentThreadAllocatedBytes();
              for (int i = 0; i < ITERATIONS; i++) {
                c.run(k++);
              }
              allocated.put(comm.rank(), bean.getCurrentThreadAllocatedBytes() - before);
            });
    allocated.forEach(
        (rank, bytes) ->
            assertTrue(
                bytes < BUDGET_BYTES,
                op
                    + "/"
                    + algorithm
                    + " "
                    + topology
                    + " "
                    + memory
                    + ": rank "
                    + rank
                    + " allocated "
                    + bytes
                    + " bytes in "
                    + ITERATIONS
                    + " iterations"));
  }
}
