package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  private static final Path REFERENCE = Path.of("../results/reference");

  @TempDir Path dir;

  @Test
  void shouldWriteEveryTableAndPrintALinePerTable() throws Exception {
    Path out = dir.resolve("report");
    CliRunner r = CliRunner.run("report", REFERENCE.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("T7: 12 rows"), r.out());
    assertTrue(r.out().contains("T4: "), r.out());
    assertTrue(r.out().contains("(0 skipped) written to " + out), r.out());
    for (String f : new String[] {"report.md", "T4.md", "T4.csv", "T7.md", "T7.csv"}) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    assertTrue(Files.readString(out.resolve("report.md")).contains("## T7 heterogeneity"));
  }

  @Test
  void shouldWriteTheHtmlReportAndAPngPerPlotAndSayWhichPlotsAreSkipped() throws Exception {
    Path out = dir.resolve("report");
    // the training runs alone: no collective records, so the latency plot is skipped
    Path train = REFERENCE.resolve("train");
    CliRunner r = CliRunner.run("report", train.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("plot accuracy-vs-iteration: 12 series"), r.out());
    assertTrue(
        r.out().contains("plot latency-vs-size: skipped, Missing: no collective files"), r.out());
    assertTrue(r.out().contains(" plots from 96 files"), r.out());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<section id=\"table-T7\">"));
    assertTrue(html.contains("<section id=\"plot-heterogeneity-bars\">"));
    for (String png : new String[] {"accuracy-vs-time", "speedup-vs-n"}) {
      assertTrue(Files.size(out.resolve("plots/" + png + ".png")) > 1000, png);
    }
    assertTrue(Files.notExists(out.resolve("plots/latency-vs-size.png")));
  }

  @Test
  void shouldSayWhichTablesAreMissingAndNameSkippedFiles() throws Exception {
    byte[] bytes = Files.readAllBytes(REFERENCE.resolve("theory/theory-fits.arrow"));
    Files.write(dir.resolve("cut.arrow"), Arrays.copyOf(bytes, bytes.length - 100));
    Files.copy(REFERENCE.resolve("theory/theory-points.arrow"), dir.resolve("points.arrow"));
    CliRunner r = CliRunner.run("report", dir.toString(), "--out", dir.resolve("o").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("T7: missing (run ci/heterogeneity-study.sh)"), r.out());
    assertTrue(r.out().contains("theory-fits: missing"), r.out());
    assertTrue(r.out().contains("skipped " + dir.resolve("cut.arrow").toAbsolutePath()), r.out());
  }

  @Test
  void shouldPrintTheNamedTablesAsTheReportWritesThemAndWriteNothing() throws Exception {
    Path out = dir.resolve("report");
    assertEquals(
        0, CliRunner.run("report", REFERENCE.toString(), "--out", out.toString()).exitCode());
    CliRunner r = CliRunner.run("report", REFERENCE.toString(), "--print", "T4,T5");
    assertEquals(0, r.exitCode(), r.err());
    // the same Markdown as the files, headings two levels down to sit in the README's sections
    String t4 = Files.readString(out.resolve("T4.md"));
    String t5 = Files.readString(out.resolve("T5.md"));
    assertEquals("##" + t4 + "\n##" + t5, r.out());
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "only the --out report");
    }
  }

  @Test
  void shouldRefuseAnUnknownTableOrNoOutputInOneLine() {
    CliRunner unknown = CliRunner.run("report", REFERENCE.toString(), "--print", "T4,T99");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("unknown table 'T99'; known: T1, T2"), unknown.err());
    CliRunner neither = CliRunner.run("report", REFERENCE.toString());
    assertEquals(2, neither.exitCode());
    assertTrue(neither.err().contains("--out"), neither.err());
    CliRunner both =
        CliRunner.run("report", REFERENCE.toString(), "--print", "T4", "--out", dir.toString());
    assertEquals(2, both.exitCode());
  }

  @Test
  void shouldRefuseAFolderThatDoesNotExistInOneLine() {
    CliRunner r = CliRunner.run("report", dir.resolve("nope").toString(), "--out", dir.toString());
    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("nope"), r.err());
  }

  @Test
  void shouldRefuseAnOutThatIsAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    CliRunner r = CliRunner.run("report", REFERENCE.toString(), "--out", file.toString());
    assertEquals(2, r.exitCode());
    assertEquals(
        "gossipbench: error: --out " + file + " exists and is not a folder\n",
        r.err().replace("\r\n", "\n"));
  }
}
