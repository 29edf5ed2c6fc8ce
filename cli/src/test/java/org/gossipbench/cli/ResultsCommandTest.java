package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCommandTest {
  private static final Path FIXTURES = Path.of("../results/src/test/resources/fixtures");

  @TempDir Path dir;

  @Test
  void shouldListEveryFixtureWithItsProvenance() throws java.io.IOException {
    long fixtures;
    try (var files = Files.walk(FIXTURES)) {
      fixtures = files.filter(f -> f.toString().endsWith(".arrow")).count();
    }
    CliRunner r = CliRunner.run("results", "list", FIXTURES.toString(), "--format", "csv");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "file,kind,version,rows,run_id,commit,dirty,seed,start_time,host,command\r\n"),
        r.out());
    assertEquals(1 + fixtures, r.out().lines().count(), r.out());
    assertTrue(r.out().contains(",training-step,2,25,"), r.out());
    assertTrue(
        r.out()
            .contains(
                ",training-step,1,25,20261122T101500Z-training-step-1-1,0123456789ab,false,42,"),
        r.out());
  }

  @Test
  void shouldValidateGoodFilesAndFlagTruncatedOnesWithExitCodeOne() throws Exception {
    Path good = dir.resolve("good.arrow");
    Files.copy(FIXTURES.resolve("v1/run-summary.arrow"), good);
    byte[] bytes = Files.readAllBytes(good);
    Files.write(dir.resolve("cut.arrow"), Arrays.copyOf(bytes, bytes.length - 100));
    Files.writeString(dir.resolve(".cut.arrow.tmp-1-1"), "a writer in progress is not listed");

    CliRunner r = CliRunner.run("results", "validate", dir.toString());
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.out().contains("ok      " + good + "  run-summary v1  25 rows"), r.out());
    assertTrue(
        r.out().contains("INVALID " + dir.resolve("cut.arrow") + ": truncated Arrow file"),
        r.out());
    assertTrue(r.out().endsWith("1 valid, 1 invalid\n"), r.out());

    CliRunner ok = CliRunner.run("results", "validate", good.toString());
    assertEquals(0, ok.exitCode(), ok.out());
  }

  @Test
  void shouldShowProvenanceBeforeTheRows() {
    CliRunner r =
        CliRunner.run(
            "results", "show", FIXTURES.resolve("v1/run-summary.arrow").toString(), "--rows", "2");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(
        r.out()
            .contains(
                "# gossipbench.config: {\"algorithm\":\"dsgd\",\"topology\":\"ring\",\"n\":8}\n"),
        r.out());
    assertTrue(r.out().contains("# gossipbench.rows: 25\n"), r.out());
    String[] lines = r.out().split("\n");
    assertTrue(lines[lines.length - 3].startsWith("algorithm"), r.out());
  }

  @Test
  void shouldRejectAMissingPathWithExitCodeTwo() {
    for (String sub : new String[] {"show", "validate", "list"}) {
      CliRunner r = CliRunner.run("results", sub, dir.resolve("nope.arrow").toString());
      assertEquals(2, r.exitCode(), sub + ": " + r.err());
      assertTrue(r.err().startsWith("gossipbench: error: "), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
    }
  }

  @Test
  void shouldListOnlyTheRunsOfTheCheckoutsResultsRootByDefault() throws Exception {
    assumeTrue(System.getenv("GOSSIPBENCH_RESULTS") == null, "GOSSIPBENCH_RESULTS overrides");
    Path results = dir.resolve("results");
    Path run = copyFixture(results.resolve("runs/0123456789ab/r.arrow"));
    copyFixture(results.resolve("target/test-classes/fixtures/v1/collective.arrow"));
    copyFixture(results.resolve("src/test/resources/fixtures/v1/collective.arrow"));
    String old = System.setProperty("gossipbench.home", dir.toString());
    try {
      CliRunner r = CliRunner.run("results", "list", "--format", "csv");
      assertEquals(0, r.exitCode(), r.err());
      assertEquals(2, r.out().lines().count(), r.out());
      assertTrue(r.out().contains("\r\n" + run + ",collective,"), r.out());
      CliRunner v = CliRunner.run("results", "validate");
      assertTrue(v.out().endsWith("1 valid, 0 invalid\n"), v.out());
    } finally {
      if (old == null) {
        System.clearProperty("gossipbench.home");
      } else {
        System.setProperty("gossipbench.home", old);
      }
    }
  }

  private static Path copyFixture(Path to) throws Exception {
    Files.createDirectories(to.getParent());
    return Files.copy(FIXTURES.resolve("v1/collective.arrow"), to);
  }

  @Test
  void vendorTablesTheCommittedComparisonAndRefusesAFolderWithoutOne() throws Exception {
    Path shm =
        Path.of(System.getProperty("user.dir")).getParent().resolve("results/readme/vendor/shm");
    CliRunner ok = CliRunner.run("results", "vendor", shm.toString(), "--goal", "1.0");
    assertEquals(0, ok.exitCode(), ok.err());
    // 3 ops-and-sides x 3 n x 7 sizes, each in one row, against Open MPI's file of the same n and
    // op
    assertEquals(
        63, ok.out().lines().filter(l -> l.matches("^\\| (allreduce|one-peer) .*")).count());
    assertTrue(ok.out().contains("allreduce auto: "), ok.out());

    Files.writeString(dir.resolve("n4_allreduce_ring.csv"), "size,time_us,wrong\n65536,10,0\n");
    CliRunner bad = CliRunner.run("results", "vendor", dir.toString());
    assertEquals(2, bad.exitCode());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
    assertTrue(bad.err().contains("n4_allreduce_mpi.csv"), bad.err());
  }
}
