package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.ConsensusPoint;
import org.gossipbench.results.ConsensusPointSchema;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.TopologyRow;
import org.gossipbench.results.TopologyRowSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopologyCommandTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "topology",
        "topology show",
        "topology consensus",
        "topology table",
        "topology list"
      })
  void shouldPrintHelpForEveryCommand(String command) {
    String[] args = (command + " --help").trim().split(" ");
    CliRunner r = CliRunner.run(args);
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("Usage: gossipbench"), r.out());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "topology show nosuch -n 4;unknown topology 'nosuch'; known: fully-connected, ring",
        "topology show grid:rows=3:cols=3 -n 8;does not multiply to n=8",
        "topology show grid:rows:3 -n 8;malformed parameter",
        "topology show ring -n 0;n must be at least 1",
        "topology show ring -n -3;n must be at least 1",
        "topology show ring -n x;Invalid value for option '-n'",
        "topology show one-peer-hypercube -n 6;n=6 is not",
        "topology show ring -n 4 --iteration -1;--iteration must be non-negative",
        "topology show ring -n 4 --format xml;Invalid value for option '--format'",
        "topology consensus ring -n 4 --init 1,2;initial vector has 2 values but the topology has n=4",
        "topology consensus ring -n 4 --iterations 5,1;strictly increasing",
        "topology table -n 4,0;-n values must be at least 1",
        "topology table -n 4 --topologies ring,nosuch;unknown topology 'nosuch'",
        "topology table -n 4 --topologies ring:p=1;has no parameter 'p'",
        "topology;missing subcommand",
        "nosuch;Unmatched argument",
      })
  void shouldRejectBadInputWithOneLineAndExitCodeTwo(String command, String expected) {
    CliRunner r = CliRunner.run(command.split(" "));
    assertEquals(2, r.exitCode(), r.out() + r.err());
    String first = r.err().lines().findFirst().orElse("");
    assertTrue(first.startsWith("gossipbench: error: "), r.err());
    assertTrue(first.contains(expected), first);
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void shouldPrintConsensusCsvWithExactHeaderAndOneRowPerIteration() {
    CliRunner r =
        CliRunner.run(
            "topology",
            "consensus",
            "ring",
            "-n",
            "5",
            "--iterations",
            "0,1,5,10,20,50",
            "--format",
            "csv");
    assertEquals(0, r.exitCode(), r.err());
    String[] lines = r.out().split("\r\n");
    assertEquals("iteration,node_0,node_1,node_2,node_3,node_4", lines[0]);
    assertEquals(7, lines.length);
    assertEquals("0", lines[1].split(",")[0]);
    double[] first =
        Arrays.stream(lines[2].split(",")).skip(1).mapToDouble(Double::parseDouble).toArray();
    // Node 0 of a ring averages itself (0) and nodes 4 and 1: (0 + 4 + 1) / 3.
    assertEquals(5.0 / 3, first[0], 1e-9);
    double[] last =
        Arrays.stream(lines[6].split(",")).skip(1).mapToDouble(Double::parseDouble).toArray();
    for (double v : last) {
      assertEquals(2.0, v, 1e-6);
    }
  }

  @Test
  void shouldSkipUnsupportedCombinationsInTableWithANoteAndFlagInexactOnePeerExp() {
    CliRunner r =
        CliRunner.run(
            "topology",
            "table",
            "-n",
            "6,8",
            "--topologies",
            "one-peer-hypercube,one-peer-exp",
            "--format",
            "csv");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("topology,n,max_degree,rho,"), r.out());
    assertEquals(4, r.out().lines().count(), r.out());
    assertTrue(r.err().contains("one-peer-hypercube n=6: skipped"), r.err());
    assertTrue(r.out().contains("n=6 is not a power of two"), r.out());
  }

  @Test
  void shouldListEveryRegisteredTopology() {
    CliRunner r = CliRunner.run("topology", "list", "--format", "csv");
    assertEquals(0, r.exitCode());
    for (String name : org.gossipbench.collectives.topology.TopologyRegistry.names()) {
      assertTrue(r.out().contains("\n" + name + ","), name);
    }
  }

  @Test
  void shouldCarryTheRingsTinySpectralGapAtN1024ThroughCsvExactly() {
    CliRunner r =
        CliRunner.run("topology", "table", "-n", "1024", "--topologies", "ring", "--format", "csv");
    assertEquals(0, r.exitCode(), r.err());
    String[] row = r.out().lines().skip(1).findFirst().orElseThrow().split(",");
    double expected =
        org.gossipbench.collectives.topology.TopologyAnalysis.analyze(
                org.gossipbench.collectives.topology.TopologyRegistry.create("ring", 1024, 1))
            .spectralGap();
    assertTrue(expected < 1e-4, "the case is a gap that 6 decimals would cut: " + expected);
    assertEquals(expected, Double.parseDouble(row[4]), 0.0, row[4]);
  }

  @Test
  void shouldLogTheTableToArrowWhenAskedAndNeverOverwriteIt(@TempDir Path dir) {
    Path file = dir.resolve("t.arrow");
    String[] args = {
      "topology",
      "table",
      "-n",
      "4,8",
      "--topologies",
      "ring,one-peer-exp,directed-random",
      "--format",
      "csv",
      "--out",
      file.toString()
    };
    CliRunner r = CliRunner.run(args);
    assertEquals(0, r.exitCode(), r.err());
    List<String> printed = r.out().lines().skip(1).toList();
    try (RootAllocator allocator = new RootAllocator();
        ResultFile f = ResultFile.open(file, allocator)) {
      List<TopologyRow> rows = f.readAll(TopologyRowSchema.INSTANCE);
      assertEquals(printed.size(), rows.size());
      for (int i = 0; i < rows.size(); i++) {
        String[] cells = printed.get(i).split(",");
        assertEquals(cells[0], rows.get(i).topology());
        assertEquals(Double.parseDouble(cells[3]), rows.get(i).rho(), 0.0, printed.get(i));
      }
      assertTrue(rows.stream().anyMatch(t -> t.mixing().equals("column")), rows.toString());
      assertTrue(rows.stream().anyMatch(t -> t.roundsExact() != null), rows.toString());
    }
    CliRunner again = CliRunner.run(args);
    assertEquals(2, again.exitCode(), again.err());
    assertTrue(again.err().contains("never overwritten"), again.err());
  }

  @Test
  void shouldLogConsensusValuesToArrowWhenAsked(@TempDir Path dir) {
    Path file = dir.resolve("c.arrow");
    CliRunner r =
        CliRunner.run(
            "topology",
            "consensus",
            "ring",
            "-n",
            "5",
            "--iterations",
            "0,3",
            "--format",
            "csv",
            "--out",
            file.toString());
    assertEquals(0, r.exitCode(), r.err());
    String[] last = r.out().lines().reduce((a, b) -> b).orElseThrow().split(",");
    try (RootAllocator allocator = new RootAllocator();
        ResultFile f = ResultFile.open(file, allocator)) {
      List<ConsensusPoint> points = f.readAll(ConsensusPointSchema.INSTANCE);
      assertEquals(10, points.size());
      for (ConsensusPoint p : points.subList(5, 10)) {
        assertEquals(3, p.iteration());
        assertEquals(Double.parseDouble(last[1 + p.node()]), p.value(), 0.0);
      }
    }
  }
}
