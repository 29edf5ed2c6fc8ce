package org.gossipbench.collectives.collective;

import java.util.function.IntToDoubleFunction;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.topology.Topology;

/**
 * What an operation means, whatever algorithm runs it (like nccl-tests' per-collective struct): its
 * buffer shape, the known inputs and the exact result they give (the #wrong column), and its
 * bus-bandwidth factor. One class per op, registered once in {@link CollectiveRegistry}; the sweep,
 * the JMH suite, the contract tests and the α–β model read everything from here. Implementations
 * are stateless and thread-safe.
 */
public interface CollectiveOp {

  /** The name in the CLI, the JMH {@code @Param}s and the Arrow {@code op} column. */
  String name();

  /** The algorithm a caller gets without {@code --algorithm}; must be registered for this op. */
  String defaultAlgorithm();

  /** Whether {@link CollectiveOptions#topology()} is required. */
  boolean needsTopology();

  /**
   * Whether rank r contributes block r of a buffer of {@code count·n} elements (allgather): the
   * message S is then the whole gathered array (SPEC &sect;5).
   */
  default boolean gathers() {
    return false;
  }

  /** Elements the buffer must hold for {@code count} elements per rank on {@code n} ranks. */
  default int bufferLength(int count, int n) {
    return gathers() ? Math.multiplyExact(count, n) : count;
  }

  /**
   * Rank r's known input element i: (r + 1)·(i mod 7 + 1), small integers so that sums over a few
   * hundred ranks are exact in float32 and every op's result can be compared for equality.
   */
  static double input(int rank, int i) {
    return (rank + 1) * (double) (i % 7 + 1);
  }

  /**
   * Writes this rank's known inputs ({@link #input}) where it contributes them and poisons the rest
   * of the buffer with −1, so an element the collective forgets to write shows as wrong.
   */
  default void fill(Buf data, int rank, int count) {
    for (int i = 0; i < data.length(); i++) {
      data.setDouble(i, -1);
    }
    int base = gathers() ? rank * count : 0;
    for (int i = 0; i < count; i++) {
      data.setDouble(base + i, input(rank, i));
    }
  }

  /**
   * The exact result element i of this rank's buffer ({@code i < bufferLength(count, n)}) must hold
   * after one run of iteration {@code iteration} on buffers {@link #fill}ed on every rank, rounded
   * as the element type and the op's accumulation order round it. The function is meant for one
   * check: it may capture per-iteration state (a weight matrix), so fetch a new one per iteration.
   */
  IntToDoubleFunction expected(
      DType type, int rank, int n, int count, CollectiveOptions options, long iteration);

  /** Elements of this rank's buffer that differ from {@link #expected} (the #wrong column). */
  default long wrong(
      Buf data, int rank, int n, int count, CollectiveOptions options, long iteration) {
    IntToDoubleFunction exact = expected(data.dtype(), rank, n, count, options, iteration);
    long wrong = 0;
    for (int i = 0, length = bufferLength(count, n); i < length; i++) {
      wrong += data.getDouble(i) == exact.applyAsDouble(i) ? 0 : 1;
    }
    return wrong;
  }

  /**
   * The nccl-tests bus-bandwidth factor (SPEC &sect;5), busbw = algbw · factor: what this rank's
   * links carry per byte of message, e.g. 2(n−1)/n for allreduce; for neighbor averaging the rank's
   * in-degree at {@code iteration}, the bytes it actually receives per byte of message.
   *
   * @param topology the graph, for ops that {@link #needsTopology()}; null otherwise
   */
  double busBandwidthFactor(int n, int rank, Topology topology, long iteration);

  /** Rounds {@code v} as an element of {@code type} holds it. */
  static double round(DType type, double v) {
    return type == DType.FLOAT32 ? (float) v : v;
  }
}
