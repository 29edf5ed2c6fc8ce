package org.gossipbench.collectives.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyException;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.transport.local.LocalTransport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered collective against the naive reference, for n = 1..17 and awkward sizes. */
class CollectiveContractTest {
  static final int[] COUNTS = {0, 1, 5, 17, 100, 1003};
  static final int SEGMENT = 16;
  static final int ITERATIONS = 3;

  static Stream<Arguments> globalCollectives() {
    List<Arguments> cases = new ArrayList<>();
    for (CollectiveRegistry.Entry e : CollectiveRegistry.entries()) {
      if (e.needsTopology()) {
        continue;
      }
      for (int n = 1; n <= 17; n++) {
        cases.add(Arguments.of(e.op(), e.algorithm(), n));
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> topologies() {
    List<Arguments> cases = new ArrayList<>();
    List<String> specs = new ArrayList<>(TopologyRegistry.names());
    // Base-(k+1) with k > 1 has phases of different in-degree (a phase can need more scratch than
    // the one before it): the case that broke neighbor averaging once.
    specs.addAll(List.of("base:k=2", "base:k=3"));
    for (String topology : specs) {
      for (int n = 1; n <= 17; n++) {
        cases.add(Arguments.of(topology, n));
      }
    }
    return cases.stream();
  }

  private static void runOnEveryRank(int n, java.util.function.Consumer<Communicator> body) {
    LocalTransport.create(n, Duration.ofSeconds(30)).run(body);
  }

  @ParameterizedTest(name = "{0}/{1} n={2}")
  @MethodSource("globalCollectives")
  void shouldMatchTheReferenceExactly(String op, String algorithm, int n) {
    CollectiveRegistry.Entry entry = CollectiveRegistry.get(op, algorithm);
    for (DType type : DType.values()) {
      for (ReduceOp reduce : ReduceOp.values()) {
        if (!op.equals("allreduce") && reduce == ReduceOp.AVG) {
          continue;
        }
        for (int count : COUNTS) {
          int root = op.equals("broadcast") ? n / 2 : 0;
          CollectiveOptions options =
              CollectiveOptions.defaults()
                  .withReduceOp(reduce)
                  .withSegmentElements(SEGMENT)
                  .withRoot(root);
          String what =
              op
                  + "/"
                  + algorithm
                  + " n="
                  + n
                  + " count="
                  + count
                  + " "
                  + type.label()
                  + " "
                  + reduce.label();
          runOnEveryRank(
              n,
              comm -> {
                int length = entry.bufferLength(count, n);
                Buf data = Buf.allocate(type, length);
                Collective c = CollectiveRegistry.create(op, algorithm, comm, data, count, options);
                for (int k = 0; k < ITERATIONS; k++) {
                  fill(op, data, comm.rank(), count, n);
                  c.run(k);
                  for (int i = 0; i < length; i++) {
                    assertEquals(
                        expected(op, type, reduce, n, root, count, i),
                        data.getDouble(i),
                        0.0,
                        what + " rank " + comm.rank() + " element " + i + " iteration " + k);
                  }
                }
              });
        }
      }
    }
  }

  private static void fill(String op, Buf data, int rank, int count, int n) {
    for (int i = 0; i < data.length(); i++) {
      data.setDouble(i, -99);
    }
    if (op.equals("allgather")) {
      for (int i = 0; i < count; i++) {
        data.setDouble(rank * count + i, CollectiveReference.input(rank, i));
      }
    } else {
      for (int i = 0; i < count; i++) {
        data.setDouble(i, CollectiveReference.input(rank, i));
      }
    }
  }

  private static double expected(
      String op, DType type, ReduceOp reduce, int n, int root, int count, int i) {
    return switch (op) {
      case "allreduce" -> CollectiveReference.allreduce(type, reduce, n, i);
      case "broadcast" -> CollectiveReference.input(root, i);
      case "allgather" -> CollectiveReference.input(i / Math.max(1, count), i % Math.max(1, count));
      default -> throw new IllegalArgumentException(op);
    };
  }

  @ParameterizedTest(name = "{0} n={1}")
  @MethodSource("topologies")
  void neighborAveragingMatchesTheReferenceOnEveryTopology(String name, int n) {
    Topology t;
    try {
      t = TopologyRegistry.create(name, n);
    } catch (TopologyException e) {
      Assumptions.abort(name + " does not exist for n=" + n + ": " + e.getMessage());
      return;
    }
    for (DType type : DType.values()) {
      for (int count : new int[] {0, 1, 40, 101}) {
        double[][] expected = CollectiveReference.neighborAverage(type, t, count, ITERATIONS + 2);
        CollectiveOptions options =
            CollectiveOptions.defaults().withSegmentElements(SEGMENT).withTopology(t);
        runOnEveryRank(
            n,
            comm -> {
              Buf data = CollectiveReference.inputBuffer(type, comm.rank(), count);
              Collective c =
                  CollectiveRegistry.create(
                      "neighbor-average", "neighbor", comm, data, count, options);
              for (int k = 0; k < ITERATIONS + 2; k++) {
                c.run(k);
              }
              for (int i = 0; i < count; i++) {
                assertEquals(
                    expected[comm.rank()][i],
                    data.getDouble(i),
                    0.0,
                    name
                        + " n="
                        + n
                        + " count="
                        + count
                        + " "
                        + type.label()
                        + " rank "
                        + comm.rank()
                        + " element "
                        + i);
              }
            });
      }
    }
  }
}
