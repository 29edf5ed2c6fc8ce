package org.gossipbench.collectives.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyException;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.WeightMatrix;
import org.gossipbench.collectives.transport.local.LocalTransport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytes on the wire per rank, for one run, against each algorithm's known formula: an algorithm
 * that computes the right answer but moves extra data (a redundant exchange, a whole buffer where a
 * block suffices, a tree with an extra edge) fails here. Counts are chosen so the closed forms are
 * exact (n, or p for halving-doubling, divides the count) and span several segments.
 */
class CollectiveTrafficTest {
  private static final int SEGMENT = 16;
  private static final int RUNS = 2;

  /** Bytes sent [0] and received [1] by every rank during each of {@link #RUNS} runs. */
  private static long[][][] traffic(
      String op, String algorithm, int n, int count, DType type, CollectiveOptions options) {
    return traffic(op, algorithm, n, count, type, options, RUNS);
  }

  /** Bytes sent [0] and received [1] by every rank during run k = 0, 1, …, runs − 1. */
  private static long[][][] traffic(
      String op,
      String algorithm,
      int n,
      int count,
      DType type,
      CollectiveOptions options,
      int runs) {
    long[][][] bytes = new long[runs][n][2];
    CollectiveOp operation = CollectiveRegistry.op(op);
    LocalTransport.create(n, Duration.ofSeconds(30))
        .run(
            comm -> {
              Buf data = Buf.allocate(type, operation.bufferLength(count, n));
              operation.fill(data, comm.rank(), count);
              Collective c = CollectiveRegistry.create(op, algorithm, comm, data, count, options);
              for (int k = 0; k < runs; k++) {
                comm.barrier();
                long sent = comm.bytesSent();
                long received = comm.bytesReceived();
                c.run(k);
                bytes[k][comm.rank()][0] = comm.bytesSent() - sent;
                bytes[k][comm.rank()][1] = comm.bytesReceived() - received;
              }
            });
    return bytes;
  }

  private static CollectiveOptions options() {
    return CollectiveOptions.defaults().withSegmentElements(SEGMENT);
  }

  private static void assertTraffic(String what, long[][] expected, long[][][] actual) {
    for (int k = 0; k < actual.length; k++) {
      for (int r = 0; r < expected.length; r++) {
        assertArrayEquals(
            expected[r],
            actual[k][r],
            what + " rank " + r + " run " + k + ": {sent, received} bytes");
      }
    }
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 8})
  void ringAllreduceMovesTwiceTheShareOfEachRank(int n) {
    for (DType type : DType.values()) {
      for (ReduceOp reduce : ReduceOp.values()) {
        int count = 24 * n;
        long s = (long) count * type.bytes();
        long each = 2L * (n - 1) * s / n;
        long[][] expected = new long[n][];
        for (int r = 0; r < n; r++) {
          expected[r] = new long[] {each, each};
        }
        assertTraffic(
            "ring " + type.label() + " " + reduce.label(),
            expected,
            traffic("allreduce", "ring", n, count, type, options().withReduceOp(reduce)));
      }
    }
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 12, 16})
  void halvingDoublingMovesTwiceTheShareOfEachRankPlusTheFold(int n) {
    int p = Integer.highestOneBit(n);
    int rem = n - p;
    for (DType type : DType.values()) {
      for (ReduceOp reduce : ReduceOp.values()) {
        int count = 24 * p;
        long s = (long) count * type.bytes();
        long share = 2L * (p - 1) * s / p;
        long[][] expected = new long[n][];
        for (int r = 0; r < n; r++) {
          long each;
          if (r < 2 * rem) {
            // Even ranks send their buffer up and get the result back; odd ones do both plus
            // the power-of-two phase.
            each = r % 2 == 0 ? s : s + share;
          } else {
            each = share;
          }
          expected[r] = new long[] {each, each};
        }
        assertTraffic(
            "halving-doubling " + type.label() + " " + reduce.label(),
            expected,
            traffic(
                "allreduce", "halving-doubling", n, count, type, options().withReduceOp(reduce)));
      }
    }
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 12})
  void recursiveDoublingSwapsTheWholeBufferEachStepPlusTheFold(int n) {
    int p = Integer.highestOneBit(n);
    int rem = n - p;
    int steps = Integer.numberOfTrailingZeros(p);
    for (DType type : DType.values()) {
      for (ReduceOp reduce : ReduceOp.values()) {
        int count = 37;
        long s = (long) count * type.bytes();
        long[][] expected = new long[n][];
        for (int r = 0; r < n; r++) {
          long each = r < 2 * rem && r % 2 == 0 ? s : steps * s + (r < 2 * rem ? s : 0);
          expected[r] = new long[] {each, each};
        }
        assertTraffic(
            "recursive-doubling " + type.label() + " " + reduce.label(),
            expected,
            traffic(
                "allreduce", "recursive-doubling", n, count, type, options().withReduceOp(reduce)));
      }
    }
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 2, 3, 5, 8})
  void parameterServerLoadsTheServerWithEveryWorker(int n) {
    for (DType type : DType.values()) {
      for (ReduceOp reduce : ReduceOp.values()) {
        for (int count : new int[] {0, 7, 100}) {
          long s = (long) count * type.bytes();
          long[][] expected = new long[n][];
          expected[0] = new long[] {(n - 1) * s, (n - 1) * s};
          for (int r = 1; r < n; r++) {
            expected[r] = new long[] {s, s};
          }
          assertTraffic(
              "parameter-server count=" + count + " " + type.label() + " " + reduce.label(),
              expected,
              traffic(
                  "allreduce", "parameter-server", n, count, type, options().withReduceOp(reduce)));
        }
      }
    }
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 2, 3, 5, 8, 13})
  void ringAllgatherForwardsEveryOtherBlockOnce(int n) {
    for (DType type : DType.values()) {
      for (int count : new int[] {0, 37, 100}) {
        long block = (long) count * type.bytes();
        long[][] expected = new long[n][];
        for (int r = 0; r < n; r++) {
          expected[r] = new long[] {(n - 1) * block, (n - 1) * block};
        }
        assertTraffic(
            "allgather ring count=" + count + " " + type.label(),
            expected,
            traffic("allgather", "ring", n, count, type, options()));
      }
    }
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 2, 3, 5, 7, 8, 13, 16})
  void binomialBroadcastSendsOnceOverEachTreeEdge(int n) {
    int rounds = 32 - Integer.numberOfLeadingZeros(n - 1); // ceil(log2 n)
    for (DType type : DType.values()) {
      for (int root : new int[] {0, n / 2, n - 1}) {
        int count = 100;
        long s = (long) count * type.bytes();
        long[][] expected = new long[n][];
        for (int r = 0; r < n; r++) {
          int v = Math.floorMod(r - root, n);
          expected[r] = new long[] {s * children(v, n), v == 0 ? 0 : s};
        }
        long[][][] actual =
            traffic("broadcast", "binomial", n, count, type, options().withRoot(root));
        String what = "binomial n=" + n + " root=" + root + " " + type.label();
        assertTraffic(what, expected, actual);
        long total = 0;
        for (long[] rank : actual[0]) {
          total += rank[0];
        }
        assertEquals((n - 1) * s, total, what + ": a tree has n-1 edges");
        assertEquals(rounds * s, actual[0][root][0], what + ": the root feeds ceil(log2 n) ranks");
      }
    }
  }

  static Stream<Arguments> neighborAveraging() {
    List<Arguments> cases = new ArrayList<>();
    for (String algorithm : CollectiveRegistry.algorithms(NeighborAverageOp.INSTANCE.name())) {
      if (!CollectiveRegistry.get(NeighborAverageOp.INSTANCE.name(), algorithm).runsOver("local")
          || algorithm.equals("hierarchical")) {
        continue; // the hierarchical one moves other bytes than W's edges: its own test below
      }
      // static (ring, exp, torus), periodic (one-peer-exp, base:k=2) and random per iteration
      for (String t :
          new String[] {"ring", "exp", "torus", "one-peer-exp", "base:k=2", "od-equidyn"}) {
        for (int n : new int[] {1, 2, 5, 8, 12}) {
          cases.add(Arguments.of(algorithm, t, n));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} n={2}")
  @MethodSource("neighborAveraging")
  void neighborAveragingMovesTheMessageOverEachEdgeOfThatIteration(
      String algorithm, String topology, int n) {
    Topology t;
    try {
      t = TopologyRegistry.create(topology, n);
    } catch (TopologyException e) {
      Assumptions.abort(topology + " does not exist for n=" + n + ": " + e.getMessage());
      return;
    }
    int runs = 6; // more than a period of one-peer-exp and base:k=2 at these n
    for (DType type : DType.values()) {
      int count = 100; // several segments of SEGMENT
      long s = (long) count * type.bytes();
      long[][][] actual =
          traffic(
              NeighborAverageOp.INSTANCE.name(),
              algorithm,
              n,
              count,
              type,
              options().withTopology(t),
              runs);
      for (int k = 0; k < runs; k++) {
        WeightMatrix w = t.weights(k);
        for (int r = 0; r < n; r++) {
          assertArrayEquals(
              new long[] {w.transpose().inDegree(r) * s, w.inDegree(r) * s},
              actual[k][r],
              algorithm
                  + " "
                  + topology
                  + " n="
                  + n
                  + " "
                  + type.label()
                  + " iteration "
                  + k
                  + " rank "
                  + r
                  + ": {sent, received} bytes = {out-degree, in-degree} x S");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} n={1}")
  @CsvSource({
    "hier:group=2:inter=ring,8",
    "hier:group=4:inter=one-peer-exp,16",
    "hier:group=3:inter=exp,12",
    "hier:group=5,5",
    "hier:group=1:inter=ring,4"
  })
  void hierarchicalAveragingMovesGroupTrafficAndTheLeadersEdgesOnly(String topology, int n) {
    org.gossipbench.collectives.topology.HierarchicalTopology h =
        (org.gossipbench.collectives.topology.HierarchicalTopology)
            TopologyRegistry.create(topology, n);
    int g = h.group();
    int runs = 6;
    int count = 120;
    long s = (long) count * DType.FLOAT32.bytes();
    long[][][] actual =
        traffic(
            NeighborAverageOp.INSTANCE.name(),
            "hierarchical",
            n,
            count,
            DType.FLOAT32,
            options().withTopology(h),
            runs);
    for (int k = 0; k < runs; k++) {
      WeightMatrix t = h.inter().weights(k);
      long leaderEdges = 0;
      for (int grp = 0; grp < t.size(); grp++) {
        leaderEdges += t.inDegree(grp);
      }
      long sent = 0;
      long received = 0;
      for (int r = 0; r < n; r++) {
        sent += actual[k][r][0];
        received += actual[k][r][1];
        if (r % g != 0) {
          // and nothing to other groups: at most its ring steps, 2(G-1)/G S, and a hop per level
          long hops = 32 - Integer.numberOfLeadingZeros(g - 1);
          assertTrue(actual[k][r][0] <= 2L * s + hops * s, topology + " rank " + r);
        }
      }
      // per group: the ring-allreduce's 2(G-1) S, the broadcast tree's G-1 edges of S; between
      // groups: S per edge of T among the leaders, and nothing else
      long expected = (n / g) * 3L * (g - 1) * s + leaderEdges * s;
      assertEquals(expected, sent, topology + " iteration " + k + ": bytes sent by all ranks");
      assertEquals(sent, received, topology + " iteration " + k);
    }
  }

  /**
   * Children of relative rank v in MPICH's binomial tree: v + 2^k for each 2^k below v's lowest set
   * bit (any 2^k for the root) that is still a rank.
   */
  private static int children(int v, int n) {
    int c = 0;
    for (int m = 1; m < n; m <<= 1) {
      if ((v == 0 || m < (v & -v)) && v + m < n) {
        c++;
      }
    }
    return c;
  }
}
