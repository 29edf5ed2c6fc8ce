package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.collectives.comm.CommunicatorProvider;
import org.gossipbench.results.CollectiveMeasurement;
import org.gossipbench.results.CollectiveSchema;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultsLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollectivesCommandTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "allreduce;ring;ring",
        "allreduce;halving-doubling;ring",
        "allreduce;parameter-server;ring",
        "neighbor-average;neighbor;one-peer-exp",
        "neighbor-average;neighbor;base:k=2",
        "broadcast;binomial;ring",
        "allgather;ring;ring"
      })
  void shouldPrintOneCorrectRowPerSizeAndLogEveryIteration(
      String op, String algorithm, String topology) throws Exception {
    Path out = dir.resolve(op + "-" + algorithm + ".arrow");
    CliRunner r =
        CliRunner.run(
            "collectives",
            "--op",
            op,
            "--algorithm",
            algorithm,
            "--topology",
            topology,
            "-np",
            "5",
            "-b",
            "4K",
            "-e",
            "64K",
            "-f",
            "4",
            "-n",
            "3",
            "-w",
            "1",
            "--segment",
            "4K",
            "--format",
            "csv",
            "--out",
            out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(
        "size,count,type,redop,time_us,min_us,max_us,algbw_gbps,busbw_gbps,wrong,floor_us,floor_ratio",
        lines.get(0));
    assertEquals(4, lines.size(), r.out());
    assertTrue(lines.get(1).startsWith("4096,"), lines.get(1));
    assertTrue(lines.get(3).startsWith("65536,"), lines.get(3));
    for (String row : lines.subList(1, lines.size())) {
      assertEquals("0", row.split(",")[9], "wrong elements in " + row);
    }
    assertTrue(r.err().contains("# results: " + out), r.err());
    try (RootAllocator a = new RootAllocator();
        ResultFile f = ResultFile.open(out, a)) {
      List<CollectiveMeasurement> rows = f.readAll(CollectiveSchema.INSTANCE);
      assertEquals(3 * 3 * 5, rows.size()); // sizes x iterations x ranks
      assertTrue(
          rows.stream()
              .allMatch(
                  m ->
                      m.op().equals(op)
                          && m.algorithm().equals(algorithm)
                          && m.wrong() == 0
                          && m.timeNanos() > 0));
      assertTrue(f.provenance().configJson().contains("\"ranks\":5"), f.provenance().configJson());
    }
  }

  @Test
  void shouldCountTheBytesARingAllreduceMoves() throws Exception {
    Path out = dir.resolve("bytes.arrow");
    CliRunner r =
        CliRunner.run(
            "collectives",
            "-np",
            "4",
            "-b",
            "64K",
            "-e",
            "64K",
            "-n",
            "2",
            "-w",
            "0",
            "--out",
            out.toString());
    assertEquals(0, r.exitCode(), r.err());
    try (RootAllocator a = new RootAllocator();
        ResultFile f = ResultFile.open(out, a)) {
      for (CollectiveMeasurement m : f.readAll(CollectiveSchema.INSTANCE)) {
        assertEquals(2 * 3 * 65536 / 4, m.bytesSent(), "2(n-1)/n S per rank");
        assertEquals(m.bytesSent(), m.bytesReceived());
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "--op scatter;unknown op 'scatter'; known: allreduce",
        "--algorithm tree;unknown algorithm 'tree' for allreduce; known: ring",
        "--op neighbor-average --topology nosuch;unknown topology 'nosuch'",
        "--op neighbor-average --topology one-peer-hypercube -np 6;n=6 is not",
        "-b 2;-b 2 is smaller than one float32 element (4 bytes)",
        "-b 1M;-b 1048576 is larger than -e 4096",
        "-b 1X;malformed size '1X'",
        "-d float16;unknown dtype 'float16'",
        "-o max;unknown reduction 'max'",
        "--transport carrier-pigeon;unknown transport 'carrier-pigeon'",
        "-np 0;-np must be at least 1",
        "-n 0;-n must be at least 1",
        "-f 1;-f must be at least 2",
        "-c 2;-c must be 0 or 1"
      })
  void shouldRejectBadInputWithOneLineAndExitCodeTwo(String args, String expected) {
    CliRunner r = CliRunner.run(("collectives --no-log -e 4K " + args).split(" "));
    assertEquals(2, r.exitCode(), r.out() + r.err());
    String first = r.err().lines().findFirst().orElse("");
    assertTrue(first.startsWith("gossipbench: error: ") && first.contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void shouldSayWhatTheMpiTransportIsMissingOnOneLine() {
    CliRunner r = CliRunner.run("collectives", "--no-log", "-e", "4K", "--transport", "mpi");
    String first = r.err().lines().findFirst().orElse("");
    assertNotEquals(0, r.exitCode(), r.out() + r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    if (CommunicatorProvider.find("mpi").isPresent()) {
      // built with -Pmpi, but this test JVM was not started by mpirun
      assertTrue(first.contains("must be started by mpirun or srun"), first);
    } else {
      assertTrue(first.contains("mpi needs a build with -Pmpi: bash ci/mpi-setup.sh"), first);
    }
  }

  @Test
  void shouldRunEveryAllreduceOnDirectMemoryAndRefuseAnUnknownKind() {
    for (String algorithm : new String[] {"ring", "auto", "recursive-doubling"}) {
      CliRunner r =
          CliRunner.run(
              "collectives",
              "--no-log",
              "--memory",
              "direct",
              "--algorithm",
              algorithm,
              "-np",
              "3",
              "-b",
              "4K",
              "-e",
              "64K",
              "-f",
              "16",
              "-n",
              "2",
              "-w",
              "1",
              "--format",
              "csv");
      assertEquals(0, r.exitCode(), r.out() + r.err());
      long rows = r.out().lines().filter(l -> l.matches("^[0-9]+,.*")).count();
      assertEquals(2, rows, r.out());
      assertTrue(
          r.out()
              .lines()
              .filter(l -> l.matches("^[0-9]+,.*"))
              .allMatch(l -> l.split(",")[9].equals("0")),
          algorithm + ": #wrong must be 0\n" + r.out());
    }
    CliRunner bad = CliRunner.run("collectives", "--no-log", "--memory", "gpu");
    assertEquals(2, bad.exitCode());
    assertEquals(
        "gossipbench: error: --memory must be heap, direct or device, got 'gpu'",
        bad.err().strip());
  }

  @Test
  void shouldNotLeaveAResultsFileWhenTheRunFails() throws Exception {
    Path out = dir.resolve("never.arrow");
    CliRunner r = CliRunner.run("collectives", "-b", "1M", "-e", "1K", "--out", out.toString());
    assertEquals(2, r.exitCode());
    assertFalse(Files.exists(out));
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void shouldLogUnderTheCheckoutsResultsWithTheCommitTheJarWasBuiltFrom() throws Exception {
    assumeTrue(System.getenv("GOSSIPBENCH_RESULTS") == null, "GOSSIPBENCH_RESULTS overrides");
    Properties baked = new Properties();
    try (InputStream in =
        Provenance.class.getClassLoader().getResourceAsStream(Provenance.BUILD_RESOURCE)) {
      assumeTrue(in != null, "built without git");
      baked.load(in);
    }
    String old = System.setProperty("gossipbench.home", dir.toString());
    CliRunner r;
    try {
      r = CliRunner.run("collectives", "-np", "2", "-b", "1K", "-e", "1K", "-n", "1", "-w", "0");
    } finally {
      if (old == null) {
        System.clearProperty("gossipbench.home");
      } else {
        System.setProperty("gossipbench.home", old);
      }
    }
    assertEquals(0, r.exitCode(), r.err());
    List<Path> runs = ResultsLayout.findRuns(dir.resolve("results"));
    assertEquals(1, runs.size(), r.out());
    String commit = baked.getProperty("git.commit");
    String folder =
        commit.substring(0, 12) + ("true".equals(baked.get("git.dirty")) ? "-dirty" : "");
    assertEquals(dir.resolve("results/runs").resolve(folder), runs.get(0).getParent());
    try (RootAllocator a = new RootAllocator();
        ResultFile f = ResultFile.open(runs.get(0), a)) {
      assertEquals(commit, f.provenance().gitCommit());
    }
  }
}
