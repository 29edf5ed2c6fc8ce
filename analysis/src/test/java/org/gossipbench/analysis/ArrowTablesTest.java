package org.gossipbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.RecordSchema;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.RunSummary;
import org.gossipbench.results.RunSummarySchema;
import org.gossipbench.results.Schemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ArrowTablesTest {
  static final Path FIXTURES = Path.of("..", "results", "src", "test", "resources", "fixtures");

  @TempDir Path dir;
  RootAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void close() {
    allocator.close();
  }

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> s = Files.walk(FIXTURES)) {
      return s.filter(p -> p.toString().endsWith(".arrow")).sorted().toList().stream();
    }
  }

  static RunSummary summary(int i) {
    boolean reached = i % 2 == 0;
    return new RunSummary(
        "dsgd",
        "ring",
        8,
        i,
        "top1_accuracy",
        0.9,
        reached,
        reached ? 1_000_000L * i : null,
        reached ? 10L * i : null,
        0.5 + i / 100.0,
        1.0 / (i + 1),
        100,
        2,
        5_000_000L,
        "spambase-logreg",
        i % 3 == 0 ? null : "iid",
        "local",
        32,
        0.1,
        "target",
        null,
        null,
        7L,
        1e5 + i,
        i % 4 == 0 ? null : 1e-3 * i);
  }

  static Path writeSummaries(Path file, int rows, int batchRows, RootAllocator allocator) {
    Provenance p =
        Provenance.capture(RunSummarySchema.INSTANCE, "test-run", "{}", 1, "gossipbench test");
    try (ResultWriter<RunSummary> w =
        ResultWriter.create(file, RunSummarySchema.INSTANCE, p, allocator, batchRows)) {
      for (int i = 0; i < rows; i++) {
        w.append(summary(i));
      }
      w.commit();
    }
    return file;
  }

  @Test
  void shouldReadEveryRecordBatchOfAMultiBatchFile() {
    Path file = writeSummaries(dir.resolve("many.arrow"), 10, 3, allocator);
    try (ResultFile f = ResultFile.open(file, allocator)) {
      assertEquals(4, f.batches());
    }
    Table t = ArrowTables.read(file, allocator).table();
    assertEquals(10, t.rowCount());
    for (int i = 0; i < 10; i++) {
      assertEquals(i, t.longColumn("seed").getLong(i));
      assertEquals(0.5 + i / 100.0, t.doubleColumn("best_metric").getDouble(i));
    }
  }

  @Test
  void shouldTurnNullsIntoMissingValues() {
    Table t =
        ArrowTables.read(writeSummaries(dir.resolve("n.arrow"), 6, 4, allocator), allocator)
            .table();
    LongColumn time = t.longColumn("time_to_target_ns");
    assertTrue(time.isMissing(1));
    assertEquals(2_000_000L, time.getLong(2));
    StringColumn partition = t.stringColumn("partition");
    assertTrue(partition.isMissing(0));
    assertEquals("iid", partition.get(1));
    assertTrue(t.doubleColumn("final_consensus_distance").isMissing(4));
    assertFalse(t.doubleColumn("final_consensus_distance").isMissing(5));
    assertTrue(t.longColumn("projected_to_target_ns").isMissing(0));
  }

  @Test
  void shouldMapEachArrowTypeToItsTablesawColumn() {
    Table t =
        ArrowTables.read(writeSummaries(dir.resolve("t.arrow"), 1, 1, allocator), allocator)
            .table();
    assertInstanceOf(StringColumn.class, t.column("algorithm"));
    assertInstanceOf(IntColumn.class, t.column("n"));
    assertInstanceOf(LongColumn.class, t.column("seed"));
    assertInstanceOf(DoubleColumn.class, t.column("target"));
    assertInstanceOf(BooleanColumn.class, t.column("reached"));
    assertEquals(RunSummarySchema.INSTANCE.fields(2).size(), t.columnCount());
  }

  @Test
  void shouldCarryProvenanceFooterAndTheFileName() {
    ResultTable r =
        ArrowTables.read(writeSummaries(dir.resolve("p.arrow"), 5, 2, allocator), allocator);
    assertEquals("p.arrow", r.table().name());
    assertEquals("run-summary", r.kind());
    assertEquals(2, r.fileVersion());
    assertEquals("test-run", r.provenance().runId());
    assertEquals("5", r.footer().get("gossipbench.rows"));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void shouldReadEveryFixtureOfEverySchemaVersion(Path fixture) {
    ResultTable r = ArrowTables.read(fixture, allocator);
    try (ResultFile f = ResultFile.open(fixture, allocator)) {
      assertEquals(f.countRows(), r.table().rowCount());
      assertEquals(
          f.schema().fields(f.fileVersion()).stream().map(x -> x.getName()).toList(),
          r.table().columnNames());
    }
    assertTrue(r.table().rowCount() > 0, fixture.toString());
  }

  @Test
  void shouldFindTheV1FixtureOfEveryKind() throws IOException {
    assertEquals(
        Schemas.all().stream().map(RecordSchema::kind).sorted().toList(),
        fixtures()
            .filter(p -> p.getParent().getFileName().toString().equals("v1"))
            .map(p -> p.getFileName().toString().replace(".arrow", ""))
            .toList());
  }
}
