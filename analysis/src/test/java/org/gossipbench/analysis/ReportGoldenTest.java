package org.gossipbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed reference runs (results/reference/, ci/reference-runs.sh) give exactly the
 * committed tables; {@code -Dgolden.update=true} rewrites them.
 */
class ReportGoldenTest {
  static final Path REFERENCE = Path.of("..", "results", "reference");
  static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  static ResultsScan reference;

  @TempDir Path dir;

  @BeforeAll
  static void scan() {
    reference = ResultsScan.of(List.of(REFERENCE));
  }

  @Test
  void shouldRegenerateEveryCommittedTableByteForByte() throws IOException {
    Report report = Report.of(reference);
    List<String> stale = new ArrayList<>();
    List<String> expectedFiles = new ArrayList<>(List.of("report.md"));
    for (RenderedTable t : report.tables()) {
      expectedFiles.add(t.table().name() + ".md");
      check(t.table().name() + ".md", t.markdown(), stale);
      if (!t.missing()) {
        expectedFiles.add(t.table().name() + ".csv");
        check(t.table().name() + ".csv", t.csv(), stale);
      }
    }
    check("report.md", report.markdown(), stale);
    assertEquals(List.of(), stale, "golden tables out of date; rerun with -Dgolden.update=true");
    try (Stream<Path> files = Files.list(GOLDEN)) {
      assertEquals(
          expectedFiles.stream().sorted().toList(),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void shouldReadTheReferenceRunsWithoutSkippingAny() {
    assertEquals(List.of(), reference.skipped());
    assertTrue(reference.files("run-summary").size() >= 30);
    for (RenderedTable t : Report.of(reference).tables()) {
      assertFalse(t.missing(), t.table().name());
    }
  }

  @Test
  void shouldSayWhichRunsAreMissingAndHowToProduceThem() throws IOException {
    Files.createDirectories(dir.resolve("theory"));
    try (Stream<Path> theory = Files.list(REFERENCE.resolve("theory"))) {
      for (Path f : theory.toList()) {
        Files.copy(f, dir.resolve("theory").resolve(f.getFileName()));
      }
    }
    RenderedTable t7 = RenderedTable.of(AnalysisTables.get("T7"), ResultsScan.of(List.of(dir)));
    assertTrue(t7.missing());
    assertNull(t7.csv());
    assertEquals(
        "## T7 heterogeneity: final accuracy under iid, Dirichlet and sorted partitions\n\n"
            + "Missing: no run-summary or training-step files among those read; produce them with"
            + " `ci/heterogeneity-study.sh`.\n",
        t7.markdown());
    assertEquals("T7: missing (run ci/heterogeneity-study.sh)", t7.summary());
  }

  @Test
  void shouldSkipAndNameACorruptFileAndKeepEveryTableOfTheRest() throws IOException {
    Path copy = dir.resolve("runs");
    try (Stream<Path> all = Files.walk(REFERENCE)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        Path to = copy.resolve(REFERENCE.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    byte[] good = Files.readAllBytes(copy.resolve("theory").resolve("theory-fits.arrow"));
    Files.write(copy.resolve("broken.arrow"), Arrays.copyOf(good, good.length - 10));
    ResultsScan scan = ResultsScan.of(List.of(dir));
    assertEquals(1, scan.skipped().size());
    assertTrue(scan.skipped().get(0).contains("broken.arrow"), scan.skipped().get(0));
    Report expected = Report.of(reference);
    Report actual = Report.of(scan);
    for (int i = 0; i < expected.tables().size(); i++) {
      assertEquals(expected.tables().get(i).csv(), actual.tables().get(i).csv());
    }
    assertTrue(actual.markdown().contains("## Skipped files\n\n- "));
  }

  @Test
  void shouldWriteTheSameBytesTwiceAndDropAStaleCsvOfAMissingTable() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Report.of(reference).write(a);
    Report.of(ResultsScan.of(List.of(REFERENCE))).write(b);
    try (Stream<Path> files = Files.list(a)) {
      for (Path f : files.toList()) {
        assertEquals(
            Files.readString(f), Files.readString(b.resolve(f.getFileName())), f.toString());
      }
    }
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Report.of(ResultsScan.of(List.of(empty))).write(a);
    assertFalse(Files.exists(a.resolve("T7.csv")));
    assertTrue(Files.readString(a.resolve("T7.md")).contains("Missing: "));
  }

  private static void check(String name, String actual, List<String> stale) throws IOException {
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "";
    if (!expected.equals(actual)) {
      stale.add(name);
    }
  }
}
