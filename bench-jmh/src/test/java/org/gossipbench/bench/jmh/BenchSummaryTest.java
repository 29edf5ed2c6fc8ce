package org.gossipbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSummaryTest {
  private static JsonNode fixture;

  @BeforeAll
  static void readFixture() throws IOException {
    try (InputStream in = BenchSummaryTest.class.getResourceAsStream("/jmh-summary-fixture.json")) {
      fixture = new ObjectMapper().readTree(in);
    }
  }

  private static List<String> tokensOfRow(String table, String ranks, String bytes) {
    return table
        .lines()
        .map(l -> Arrays.asList(l.trim().split("\\s+")))
        .filter(t -> t.size() > 2 && t.get(0).equals(ranks) && t.get(1).equals(bytes))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + ranks + " " + bytes + " in\n" + table));
  }

  @Test
  void shouldDivideEveryCollectiveByRingAllreduceAtTheSameRanksAndBytesOnePeerFirst() {
    String table = BenchSummary.ratioTable(fixture);
    List<String> header = tokensOfRow(table, "ranks", "bytes");
    assertEquals(
        List.of(
            "ranks",
            "bytes",
            "ring",
            "us/op",
            "neighbor:one-peer-exp",
            "allreduce:parameter-server"),
        header);
    assertEquals(List.of("4", "4096", "100.0", "0.60", "1.50"), tokensOfRow(table, "4", "4096"));
    assertEquals(
        List.of("4", "16777216", "10000.0", "0.55", "2.50"), tokensOfRow(table, "4", "16777216"));
  }

  @Test
  void shouldSaySoWhenThereIsNoRingAllreduceToCompareWith() {
    JsonNode neighborOnly = new ObjectMapper().createArrayNode().add(fixture.get(4));
    assertTrue(BenchSummary.ratioTable(neighborOnly).startsWith("ratios: none"));
  }

  @Test
  void shouldTakeTheMedianBeforeEachForksLastIterationAndFitPerOpAndBackground() {
    BenchSummary.Allocation a =
        BenchSummary.Allocation.of(
            BenchSummary.byBenchmark(fixture).get("AllreduceBenchmark.allreduce"));
    assertEquals((1.4 + 60.5) / 2, a.steadyMedian(), 1e-12);
    assertEquals(150.5, a.steadyMax(), 1e-12);
    assertTrue(a.maxAt().contains("parameter-server") && a.maxAt().contains("16777216"), a.maxAt());
    assertEquals(12000.0, a.lastMax(), 1e-12);
    assertEquals(8, a.points());
    assertEquals(0.5, a.perOp(), 1e-6);
    assertEquals(6000.0, a.backgroundPerSecond(), 1e-6);
  }

  @Test
  void shouldNotFitOpRatesLessThanAFactorOfTwoApart() {
    double[] same =
        BenchSummary.leastSquares(List.of(new double[] {1e4, 1.0}, new double[] {1e4, 3.0}));
    assertTrue(Double.isNaN(same[0]) && Double.isNaN(same[1]), Arrays.toString(same));
    double[] close =
        BenchSummary.leastSquares(List.of(new double[] {1e4, 1.0}, new double[] {1.9e4, 3.0}));
    assertTrue(Double.isNaN(close[0]) && Double.isNaN(close[1]), Arrays.toString(close));
    double[] apart =
        BenchSummary.leastSquares(List.of(new double[] {1e4, 1.0}, new double[] {2e4, 3.0}));
    assertEquals(-1.0, apart[0], 1e-12);
    assertEquals(2e-4, apart[1], 1e-15);
  }

  @Test
  void shouldCountParameterSetsPerBenchmarkAndSkipAllocationWithoutAGcProfile() {
    String summary = BenchSummary.summarize(fixture, Path.of("jmh-result.json"), Optional.empty());
    assertTrue(
        summary.contains(
            "AllreduceBenchmark.allreduce: 4 parameter sets (algorithm 2 × bytes 2 × ranks 1),"
                + " avgt, 1 fork(s) × 3 measured iteration(s)"),
        summary);
    assertTrue(
        summary.contains("ResultWriterBenchmark.write: 1 parameter set (rows 1), ss"), summary);
    assertTrue(summary.contains("Arrow results (none written)"), summary);
    assertTrue(
        summary.contains(
            "  NeighborAverageBenchmark.neighborAverage:\n    steady: median 17.2 B/op;"),
        summary);
    assertTrue(
        summary.contains("    fit over 4 iterations: 0.50 B/op + 6000 B/s independent"), summary);
    assertTrue(!summary.contains("  ResultWriterBenchmark.write:\n"), summary);
  }

  @Test
  void shouldNameTheNewestArrowFileNotOlderThanTheJson(@TempDir Path dir) throws IOException {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    Path runs = Files.createDirectories(dir.resolve("runs").resolve("0123456789ab"));
    Path old = touch(runs.resolve("old.arrow"), t0);
    Path json = touch(dir.resolve("jmh-result.json"), t0.plusSeconds(10));
    Path written = touch(runs.resolve("written.arrow"), t0.plusSeconds(20));
    touch(runs.resolve(".in-progress.arrow"), t0.plusSeconds(30));
    assertEquals(Optional.of(written), BenchSummary.arrowWrittenAfter(json, dir));
    Files.delete(written);
    assertEquals(Optional.empty(), BenchSummary.arrowWrittenAfter(json, dir));
    assertTrue(Files.exists(old));
  }

  private static Path touch(Path p, Instant at) throws IOException {
    Files.writeString(p, "x");
    Files.setLastModifiedTime(p, FileTime.from(at));
    return p;
  }
}
