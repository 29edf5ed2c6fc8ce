package org.gossipbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.CollectiveMeasurement;
import org.gossipbench.results.CollectiveSchema;
import org.gossipbench.results.ResultFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTest {
  @TempDir Path dir;

  private static String benchmark(String name, String params, String scores) {
    return "{\"benchmark\":\"org.gossipbench.bench.jmh."
        + name
        + "\",\"params\":{"
        + params
        + "},\"primaryMetric\":{\"scoreUnit\":\"us/op\",\"rawData\":[["
        + scores
        + "]]}}";
  }

  private List<CollectiveMeasurement> convert(String... benchmarks) throws IOException {
    Path json = dir.resolve("jmh.json");
    Files.writeString(json, "[" + String.join(",", benchmarks) + "]");
    Path file = JmhResults.convert(json, dir.resolve("results"));
    List<CollectiveMeasurement> rows = new ArrayList<>();
    if (file != null) {
      try (RootAllocator allocator = new RootAllocator();
          ResultFile rf = ResultFile.open(file, allocator)) {
        rf.forEach(CollectiveSchema.INSTANCE, rows::add);
      }
    }
    return rows;
  }

  @Test
  void shouldTakeTheOpAlgorithmAndBusFactorFromTheBenchmarkAndItsOp() throws IOException {
    List<CollectiveMeasurement> rows =
        convert(
            benchmark(
                "AllreduceBenchmark.allreduce",
                "\"algorithm\":\"halving-doubling\",\"ranks\":\"4\",\"bytes\":\"4000\"",
                "2.0, 4.0"),
            benchmark(
                "NeighborAverageBenchmark.neighborAverage",
                "\"topology\":\"ring\",\"ranks\":\"8\",\"bytes\":\"4000\"",
                "1.0"),
            benchmark("ResultWriterBenchmark.write", "\"rows\":\"1000\"", "1.0"));
    assertEquals(3, rows.size());
    CollectiveMeasurement allreduce = rows.get(0);
    assertEquals("allreduce", allreduce.op());
    assertEquals("halving-doubling", allreduce.algorithm());
    assertEquals("fully-connected", allreduce.topology());
    assertEquals(2000, allreduce.timeNanos());
    assertEquals(2.0, allreduce.algbwGBps(), 1e-12);
    assertEquals(2.0 * 2 * 3 / 4, allreduce.busbwGBps(), 1e-12);
    assertEquals(1, rows.get(1).iteration());
    CollectiveMeasurement neighbor = rows.get(2);
    assertEquals("neighbor-average", neighbor.op());
    assertEquals("neighbor", neighbor.algorithm()); // the op's default: the benchmark has no param
    assertEquals("ring", neighbor.topology());
    assertEquals(4.0 * 2, neighbor.busbwGBps(), 1e-12); // in-degree 2
  }

  @Test
  void shouldWriteNothingForBenchmarksOfNoRegisteredOp() throws IOException {
    Path json = dir.resolve("jmh.json");
    Files.writeString(
        json, "[" + benchmark("ResultWriterBenchmark.write", "\"rows\":\"1000\"", "1.0") + "]");
    assertNull(JmhResults.convert(json, dir.resolve("results")));
  }
}
