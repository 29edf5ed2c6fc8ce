package org.gossipbench.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.analysis.ResultsScan;
import org.gossipbench.results.CollectiveMeasurement;
import org.gossipbench.results.CollectiveSchema;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectivePlotsTest {
  @TempDir Path dir;

  @Test
  void shouldDrawTheMedianLatencyOverRanksAndIterationsPerSizeOnLogLogAxes() {
    write("ring", new long[][] {{1024, 10_000, 30_000, 20_000}, {4096, 40_000, 80_000, 60_000}});
    write("halving-doubling", new long[][] {{1024, 5_000, 7_000, 6_000}});
    RenderedPlot p = RenderedPlot.of(Plots.get("latency-vs-size"), scan());
    assertFalse(p.isMissing(), p.missing());
    assertTrue(p.data().xLog() && p.data().yLog());
    List<Series> lines = p.data().series();
    assertEquals(
        List.of(
            "allreduce halving-doubling on fully-connected over local, n=4",
            "allreduce ring on fully-connected over local, n=4"),
        lines.stream().map(Series::name).toList());
    assertArrayEquals(new double[] {1024}, lines.get(0).x());
    assertArrayEquals(new double[] {6}, lines.get(0).y(), 1e-12);
    assertArrayEquals(new double[] {1024, 4096}, lines.get(1).x());
    assertArrayEquals(new double[] {20, 60}, lines.get(1).y(), 1e-12);
  }

  @Test
  void shouldDrawTheMedianBusBandwidthPerSize() {
    write("ring", new long[][] {{1024, 10_000, 30_000, 20_000}});
    RenderedPlot p = RenderedPlot.of(Plots.get("busbw-vs-size"), scan());
    // busbw is logged as 1000 / time_ns here, so the median time gives the median bandwidth
    assertArrayEquals(new double[] {1000 / 20_000.0}, p.data().series().get(0).y(), 1e-15);
    assertTrue(p.data().xLog());
    assertFalse(p.data().yLog());
  }

  @Test
  void shouldSkipBothWithTheCommandWhenNoCollectiveRecordsWereRead() {
    ResultsScan empty = ResultsScan.of(List.of(dir));
    for (String name : List.of("latency-vs-size", "busbw-vs-size")) {
      RenderedPlot p = RenderedPlot.of(Plots.get(name), empty);
      assertTrue(p.isMissing());
      assertEquals(
          "Missing: no collective files among those read; produce them with"
              + " `gossipbench collectives`.",
          p.missing());
      assertEquals("plot " + name + ": skipped, " + p.missing(), p.summary());
    }
  }

  private ResultsScan scan() {
    return ResultsScan.of(List.of(dir));
  }

  /** Rows of {bytes, time of rank 0 iteration 0, rank 1 iteration 0, rank 0 iteration 1}. */
  private void write(String algorithm, long[][] sizes) {
    String id = "collectives-" + algorithm;
    try (RootAllocator allocator = new RootAllocator();
        ResultWriter<CollectiveMeasurement> w =
            ResultWriter.create(
                dir.resolve(id + ".arrow"),
                CollectiveSchema.INSTANCE,
                Provenance.capture(CollectiveSchema.INSTANCE, id, "{}", 1, "test"),
                allocator)) {
      for (long[] size : sizes) {
        int[][] rankIteration = {{0, 0}, {1, 0}, {0, 1}};
        for (int i = 0; i < 3; i++) {
          long t = size[i + 1];
          w.append(
              new CollectiveMeasurement(
                  "allreduce",
                  algorithm,
                  "local",
                  "fully-connected",
                  4,
                  4,
                  rankIteration[i][0],
                  size[0],
                  size[0] / 4,
                  "float32",
                  rankIteration[i][1],
                  t,
                  (double) size[0] / t,
                  1000.0 / t,
                  size[0],
                  size[0],
                  0));
        }
      }
      w.commit();
    }
  }
}
