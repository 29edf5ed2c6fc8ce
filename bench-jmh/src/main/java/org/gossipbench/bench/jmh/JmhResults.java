package org.gossipbench.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.collectives.collective.CollectiveOp;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.TopologyValidator;
import org.gossipbench.results.CollectiveMeasurement;
import org.gossipbench.results.CollectiveSchema;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.ResultsLayout;

/**
 * Converts JMH's JSON ({@code -rf json}) of the collective benchmarks into the results store: one
 * {@code collective} row per measured iteration (rank 0's view of the whole collective; JMH does
 * not see per-rank times or byte counters, which stay 0). The benchmarks verify their result at
 * tear-down and fail the run otherwise, so every converted row has {@code wrong} = 0. A benchmark
 * measures a collective when it names a registered op (see {@link #op}); its algorithm is its
 * {@code algorithm} parameter or the op's default, its transport its {@code transport} parameter or
 * {@code local}, and its bus factor the op's.
 *
 * <p>Usage: {@code JmhResults JMH_JSON RESULTS_DIR}; prints the file written.
 */
public final class JmhResults {
  private JmhResults() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: JmhResults JMH_JSON RESULTS_DIR");
      System.exit(2);
    }
    Path written = convert(Path.of(args[0]), Path.of(args[1]));
    System.out.println(
        written == null ? "no collective benchmarks in " + args[0] : "results: " + written);
  }

  /** Returns the file written, or null when the JSON holds no collective benchmark. */
  public static Path convert(Path json, Path resultsDir) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(json));
    String runId = ResultsLayout.newRunId(CollectiveSchema.INSTANCE.kind(), Instant.now());
    Provenance p =
        Provenance.capture(
            CollectiveSchema.INSTANCE,
            runId,
            "{\"source\":\"jmh\",\"file\":\"" + json.getFileName() + "\"}",
            TopologyRegistry.DEFAULT_SEED, // the benchmarks' random topologies are drawn with it
            "jmh " + json);
    Path target = ResultsLayout.runFile(resultsDir, p);
    long rows = 0;
    try (RootAllocator allocator = new RootAllocator();
        ResultWriter<CollectiveMeasurement> w =
            ResultWriter.create(target, CollectiveSchema.INSTANCE, p, allocator)) {
      for (JsonNode b : root) {
        JsonNode params = b.path("params");
        Optional<CollectiveOp> found = op(b.path("benchmark").asText(), params);
        if (found.isEmpty()) {
          continue;
        }
        CollectiveOp op = found.get();
        String algorithm = params.path("algorithm").asText(op.defaultAlgorithm());
        // The device benchmarks (-Pgpu) hold one rank per fork and have no ranks parameter.
        int n = params.path("ranks").asInt(1);
        String transport = params.path("transport").asText("local");
        String topology = op.needsTopology() ? params.path("topology").asText() : "fully-connected";
        Topology t = op.needsTopology() ? TopologyRegistry.create(topology, n) : null;
        double factor = meanBusFactor(op, n, t);
        long bytes = params.path("bytes").asLong();
        long count = bytes / Float.BYTES / (op.gathers() ? n : 1);
        double toNanos = nanosPer(b.path("primaryMetric").path("scoreUnit").asText());
        long iteration = 0;
        for (JsonNode fork : b.path("primaryMetric").path("rawData")) {
          for (JsonNode score : fork) {
            long nanos = Math.round(score.asDouble() * toNanos);
            double algbw = nanos > 0 ? bytes / (double) nanos : 0; // bytes per ns = GB/s
            w.append(
                new CollectiveMeasurement(
                    op.name(),
                    algorithm,
                    transport,
                    topology,
                    n,
                    n,
                    0,
                    bytes,
                    count,
                    "float32",
                    iteration++,
                    nanos,
                    algbw,
                    algbw * factor,
                    0,
                    0,
                    0));
            rows++;
          }
        }
      }
      if (rows == 0) {
        return null; // close() discards the empty file
      }
      w.commit();
    }
    return target;
  }

  private static double nanosPer(String unit) {
    return switch (unit) {
      case "ns/op" -> 1;
      case "us/op" -> 1e3;
      case "ms/op" -> 1e6;
      case "s/op" -> 1e9;
      default -> throw new IllegalArgumentException("unsupported JMH score unit " + unit);
    };
  }

  /**
   * The op a collective benchmark measures: its {@code op} parameter if it has one, else its
   * method's name in kebab case ({@code neighborAverage} is {@code neighbor-average}); empty for a
   * benchmark that measures no registered op.
   */
  static Optional<CollectiveOp> op(String benchmark, JsonNode params) {
    String name = params.path("op").asText(null);
    if (name == null) {
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      name = method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
    return CollectiveRegistry.ops().contains(name)
        ? Optional.of(CollectiveRegistry.op(name))
        : Optional.empty();
  }

  /**
   * The op's bus factor averaged over ranks and one period of the topology: rank 0 times the whole
   * collective, so its row carries the mean bytes moved per byte of message.
   */
  static double meanBusFactor(CollectiveOp op, int n, Topology t) {
    int window = t == null ? 1 : TopologyValidator.window(t);
    double sum = 0;
    for (int k = 0; k < window; k++) {
      for (int r = 0; r < n; r++) {
        sum += op.busBandwidthFactor(n, r, t, k);
      }
    }
    return sum / window / n;
  }
}
