package org.gossipbench.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.arrow.memory.RootAllocator;
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
 * tear-down and fail the run otherwise, so every converted row has {@code wrong} = 0.
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
            0L,
            "jmh " + json);
    Path target = ResultsLayout.runFile(resultsDir, p);
    long rows = 0;
    try (RootAllocator allocator = new RootAllocator();
        ResultWriter<CollectiveMeasurement> w =
            ResultWriter.create(target, CollectiveSchema.INSTANCE, p, allocator)) {
      for (JsonNode b : root) {
        String name = b.path("benchmark").asText();
        JsonNode params = b.path("params");
        String op;
        String algorithm;
        String topology;
        int n = params.path("ranks").asInt();
        double factor;
        if (name.endsWith("AllreduceBenchmark.allreduce")) {
          op = "allreduce";
          algorithm = params.path("algorithm").asText();
          topology = "fully-connected";
          factor = 2.0 * (n - 1) / n;
        } else if (name.endsWith("NeighborAverageBenchmark.neighborAverage")) {
          op = "neighbor-average";
          algorithm = "neighbor";
          topology = params.path("topology").asText();
          factor = meanInDegree(TopologyRegistry.create(topology, n));
        } else {
          continue;
        }
        long bytes = params.path("bytes").asLong();
        double toNanos = nanosPer(b.path("primaryMetric").path("scoreUnit").asText());
        long iteration = 0;
        for (JsonNode fork : b.path("primaryMetric").path("rawData")) {
          for (JsonNode score : fork) {
            long nanos = Math.round(score.asDouble() * toNanos);
            double algbw = nanos > 0 ? bytes / (double) nanos : 0; // bytes per ns = GB/s
            w.append(
                new CollectiveMeasurement(
                    op,
                    algorithm,
                    "local",
                    topology,
                    n,
                    n,
                    0,
                    bytes,
                    bytes / Float.BYTES,
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

  /** In-degree averaged over ranks and one period: the bytes received per byte of message. */
  static double meanInDegree(Topology t) {
    int window = TopologyValidator.window(t);
    double sum = 0;
    for (int k = 0; k < window; k++) {
      for (int r = 0; r < t.size(); r++) {
        sum += t.weights(k).inDegree(r);
      }
    }
    return sum / window / t.size();
  }
}
