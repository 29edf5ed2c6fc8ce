package org.gossipbench.bench.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.ReduceOp;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.TopologySpec;

/**
 * A resolved nccl-tests-style sweep: which collective, on how many ranks, over which message sizes.
 * Validated on construction (one-line errors for bad input); serialized into the results file's
 * provenance so the run can be repeated. The transport itself is chosen and validated by {@link
 * org.gossipbench.collectives.comm.TransportConfig}; {@code transport} and {@code timeout} are what
 * the run logs of it.
 *
 * @param minBytes smallest message, bytes per rank (for allgather, the whole gathered array)
 * @param factor each size is the previous times this (nccl-tests -f)
 * @param segmentBytes largest message a block is cut into
 * @param memory where the ranks' buffers live: {@code heap}; {@code direct} (off-heap), what a
 *     model kept off-heap hands the collectives, and what the network transports send from without
 *     staging; {@code device}, the GPU memory of a transport that has it ({@code nccl}), with a
 *     host mirror for the inputs and the check
 */
public record SweepConfig(
    String op,
    String algorithm,
    String topology,
    int ranks,
    long minBytes,
    long maxBytes,
    int factor,
    int iterations,
    int warmup,
    boolean check,
    DType dtype,
    ReduceOp reduceOp,
    String transport,
    Duration timeout,
    int segmentBytes,
    long seed,
    String memory) {

  /** The {@code --memory} values. */
  public static final List<String> MEMORIES = List.of("heap", "direct", "device");

  public SweepConfig {
    if (!MEMORIES.contains(memory)) {
      throw new IllegalArgumentException(
          "--memory must be heap, direct or device, got '" + memory + "'");
    }
    CollectiveRegistry.Entry entry = CollectiveRegistry.get(op, algorithm);
    if (ranks < 1) {
      throw new IllegalArgumentException("-np must be at least 1, got " + ranks);
    }
    if (entry.needsTopology()) {
      TopologyRegistry.create(TopologySpec.parse(topology), ranks, seed); // fails early, naming why
    }
    if (minBytes < dtype.bytes() && minBytes != 0) {
      throw new IllegalArgumentException(
          "-b "
              + minBytes
              + " is smaller than one "
              + dtype.label()
              + " element ("
              + dtype.bytes()
              + " bytes)");
    }
    if (maxBytes < dtype.bytes()) {
      throw new IllegalArgumentException(
          "-e "
              + maxBytes
              + " is smaller than one "
              + dtype.label()
              + " element ("
              + dtype.bytes()
              + " bytes)");
    }
    if (minBytes > maxBytes) {
      throw new IllegalArgumentException("-b " + minBytes + " is larger than -e " + maxBytes);
    }
    if (maxBytes / dtype.bytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "-e " + maxBytes + " exceeds the largest buffer (2^31 elements)");
    }
    if (factor < 2) {
      throw new IllegalArgumentException("-f must be at least 2, got " + factor);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("-n must be at least 1, got " + iterations);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("-w must be non-negative, got " + warmup);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive");
    }
    if (segmentBytes < dtype.bytes()) {
      throw new IllegalArgumentException(
          "--segment must be at least one element (" + dtype.bytes() + " bytes)");
    }
  }

  /**
   * The sizes swept: minBytes, ·factor, … up to maxBytes (minBytes 0 contributes one empty
   * message).
   */
  public List<Long> sizes() {
    List<Long> sizes = new ArrayList<>();
    long s = minBytes;
    while (s <= maxBytes) {
      sizes.add(s);
      if (s == 0) {
        s = dtype.bytes();
      } else if (s > maxBytes / factor) {
        break;
      } else {
        s *= factor;
      }
    }
    return sizes;
  }

  /** Whether the buffers are direct (off-heap) host memory. */
  public boolean direct() {
    return memory.equals("direct");
  }

  /** Whether the buffers live on the transport's device, with host mirrors. */
  public boolean device() {
    return memory.equals("device");
  }

  public CollectiveRegistry.Entry entry() {
    return CollectiveRegistry.get(op, algorithm);
  }

  /** Elements each rank contributes for a message of {@code bytes}. */
  public int count(long bytes) {
    long elements = bytes / dtype.bytes();
    return (int) (entry().gathers() ? elements / ranks : elements);
  }

  /**
   * The topology column of the log: the graph for neighbor averaging, the complete graph otherwise.
   */
  public String loggedTopology() {
    return entry().needsTopology() ? topology : "fully-connected";
  }

  public int segmentElements() {
    return segmentBytes / dtype.bytes();
  }

  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op", op);
    m.put("algorithm", algorithm);
    m.put("topology", topology);
    m.put("ranks", ranks);
    m.put("min_bytes", minBytes);
    m.put("max_bytes", maxBytes);
    m.put("factor", factor);
    m.put("iterations", iterations);
    m.put("warmup", warmup);
    m.put("check", check);
    m.put("dtype", dtype.label());
    m.put("reduce_op", reduceOp.label());
    m.put("transport", transport);
    m.put("timeout_ms", timeout.toMillis());
    m.put("segment_bytes", segmentBytes);
    m.put("seed", seed);
    m.put("memory", memory);
    try {
      return new ObjectMapper().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
