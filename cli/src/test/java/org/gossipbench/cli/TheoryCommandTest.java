package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.TheoryFit;
import org.gossipbench.results.TheoryFitSchema;
import org.gossipbench.results.TheoryPoint;
import org.gossipbench.results.TheoryPointSchema;
import org.gossipbench.workloads.theory.TheoryChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TheoryCommandTest {
  @TempDir Path results;

  private CliRunner theory(String... args) {
    List<String> a = new ArrayList<>(List.of("theory"));
    a.addAll(List.of(args));
    a.addAll(List.of("--results-dir", results.toString()));
    return CliRunner.run(a.toArray(String[]::new));
  }

  private long filesUnder(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void shouldPrintATablePerCheckAndTheFitsAndLogThemToArrow() throws Exception {
    Path out = results.resolve("theory");
    CliRunner r = theory("--quick", "--format", "markdown", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String name : TheoryChecks.names()) {
      assertTrue(r.out().contains("#### " + name + ": "), name + "\n" + r.out());
    }
    assertTrue(r.out().contains("#### fitted log-log slopes"), r.out());
    assertTrue(r.out().contains("| dsgd-b2 | dsgd | ring | log(error - error at b2=0)"), r.out());
    assertTrue(r.out().contains("elapsed here"), r.out());
    try (RootAllocator a = new RootAllocator();
        ResultFile points = ResultFile.open(out.resolve("theory-points.arrow"), a);
        ResultFile fits = ResultFile.open(out.resolve("theory-fits.arrow"), a)) {
      List<TheoryPoint> p = points.readAll(TheoryPointSchema.INSTANCE);
      List<TheoryFit> f = fits.readAll(TheoryFitSchema.INSTANCE);
      assertEquals(TheoryChecks.names(), p.stream().map(TheoryPoint::check).distinct().toList());
      assertTrue(f.size() >= 6, f.toString());
      assertTrue(points.provenance().configJson().contains("\"quick\":true"));
      assertEquals(points.provenance().runId(), fits.provenance().runId());
    }
    CliRunner validate = CliRunner.run("results", "validate", out.toString());
    assertEquals(0, validate.exitCode(), validate.out() + validate.err());
  }

  @Test
  void shouldPrintPointsThenFitsAsCsvInFullPrecision() {
    CliRunner r = theory("--quick", "--check", "psgd-n", "--format", "csv");
    assertEquals(0, r.exitCode(), r.err());
    String[] tables = r.out().split("\r\n\r\n");
    assertEquals(2, tables.length, r.out());
    assertTrue(tables[0].startsWith("check,algorithm,topology,n,b2,"), tables[0]);
    assertEquals(1 + 4, tables[0].split("\r\n").length, tables[0]);
    assertTrue(tables[1].startsWith("check,algorithm,topology,quantity,fitted_slope,"), tables[1]);
    assertTrue(r.err().contains("points: "), r.err());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--check nosuch|unknown check 'nosuch'; known: dsgd-b2, gt-b2, dsgd-rho, psgd-n, transient",
        "--check dsgd-b2,nosuch|unknown check 'nosuch'",
        "--seed x|Invalid value for option '--seed'",
        "--format pdf|Invalid value for option '--format'",
        "--quik|Unknown option: '--quik'",
      })
  void shouldRejectBadInputInOneLineWithExitCodeTwoAndWriteNothing(String args, String expected)
      throws IOException {
    CliRunner r = theory(args.split(" "));
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("gossipbench: error: "), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals(0, filesUnder(results));
  }

  @Test
  void shouldRefuseToOverwriteOrToWriteIntoAFile() throws IOException {
    Path dir = Files.createDirectories(results.resolve("taken"));
    Files.writeString(dir.resolve("theory-points.arrow"), "x");
    CliRunner r = theory("--quick", "--check", "psgd-n", "--out", dir.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("exists; results files are never overwritten"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    Path file = dir.resolve("theory-points.arrow");
    CliRunner f = theory("--quick", "--check", "psgd-n", "--out", file.toString());
    assertEquals(2, f.exitCode(), f.err());
    assertTrue(f.err().contains("is not a folder"), f.err());
    assertEquals(1, filesUnder(results));
  }
}
