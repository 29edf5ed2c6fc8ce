package org.gossipbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.ResultsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ResultsScanTest {
  static final Path V1 = ArrowTablesTest.FIXTURES.resolve("v1");

  @TempDir Path dir;

  @Test
  void shouldGroupFilesByRecordKind() throws IOException {
    for (String kind : List.of("run-summary", "theory-fit", "training-step")) {
      Files.copy(V1.resolve(kind + ".arrow"), dir.resolve(kind + ".arrow"));
    }
    ResultsScan scan = ResultsScan.of(List.of(dir));
    assertEquals(3, scan.fileCount());
    assertEquals(1, scan.files("run-summary").size());
    assertEquals(1, scan.files("theory-fit").size());
    assertTrue(scan.has("training-step"));
    assertFalse(scan.has("collective"));
    assertEquals(List.of(), scan.skipped());
  }

  @Test
  void shouldSkipTruncatedAndForeignFilesNamingEachAndKeepTheRest() throws IOException {
    Files.copy(V1.resolve("run-summary.arrow"), dir.resolve("good.arrow"));
    byte[] whole = Files.readAllBytes(V1.resolve("training-step.arrow"));
    Files.write(dir.resolve("cut.arrow"), Arrays.copyOf(whole, whole.length / 2));
    Files.writeString(dir.resolve("notes.arrow"), "algorithm,n\ndsgd,8\n");
    ResultsScan scan = ResultsScan.of(List.of(dir));
    assertEquals(1, scan.fileCount());
    assertEquals(1, scan.files("run-summary").size());
    List<String> skipped = scan.skipped();
    assertEquals(2, skipped.size(), skipped.toString());
    assertTrue(skipped.get(0).contains("cut.arrow") && skipped.get(0).contains("truncated"));
    assertTrue(skipped.get(1).contains("notes.arrow") && skipped.get(1).contains("not an Arrow"));
  }

  @Test
  void shouldCombineOldAndNewVersionsWithTheNewColumnsMissingInOldRows() throws IOException {
    Files.copy(V1.resolve("run-summary.arrow"), dir.resolve("a-v1.arrow"));
    try (RootAllocator allocator = new RootAllocator()) {
      ArrowTablesTest.writeSummaries(dir.resolve("b-v2.arrow"), 3, 2, allocator);
    }
    ResultsScan scan = ResultsScan.of(List.of(dir));
    Table all = scan.combined("run-summary");
    int v1Rows = scan.files("run-summary").get(0).table().rowCount();
    assertEquals(v1Rows + 3, all.rowCount());
    assertTrue(all.stringColumn("workload").isMissing(0));
    assertEquals("spambase-logreg", all.stringColumn("workload").get(v1Rows));
    assertEquals("test-run", all.stringColumn(ResultsScan.RUN_ID).get(v1Rows));
  }

  @Test
  void shouldRefuseAFolderThatDoesNotExist() {
    ResultsException e =
        assertThrows(ResultsException.class, () -> ResultsScan.of(List.of(dir.resolve("nope"))));
    assertTrue(e.getMessage().contains("nope"));
  }
}
