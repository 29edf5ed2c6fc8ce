package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real processes started by {@code gossipbench launch}, talking TCP on loopback. */
class LaunchCommandTest {

  @Test
  void shouldRunEveryRankAsAProcessAndPrefixItsOutput() {
    CliRunner r =
        CliRunner.run(
            "launch",
            "-np",
            "3",
            "--",
            "collectives",
            "--transport",
            "tcp",
            "--op",
            "neighbor-average",
            "--topology",
            "one-peer-exp",
            "-b",
            "4K",
            "-e",
            "64K",
            "-f",
            "16",
            "-n",
            "3",
            "-w",
            "1",
            "--format",
            "csv",
            "--no-log");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    List<String> rank0 =
        r.out().lines().filter(l -> l.startsWith("[0] ")).map(l -> l.substring(4)).toList();
    assertEquals(
        "size,count,type,redop,time_us,min_us,max_us,algbw_gbps,busbw_gbps,wrong,floor_us,floor_ratio",
        rank0.get(0));
    assertEquals(3, rank0.size(), r.out());
    for (String row : rank0.subList(1, rank0.size())) {
      assertEquals("0", row.split(",")[9], row);
    }
    assertTrue(r.out().lines().noneMatch(l -> l.startsWith("[1] size")), "only rank 0 reports");
  }

  @Test
  void shouldExitNonZeroWhenARankFails() {
    CliRunner r =
        CliRunner.run(
            "launch", "-np", "2", "--", "collectives", "--transport", "tcp", "--op", "nosuch");
    assertEquals(2, r.exitCode(), r.out() + r.err());
    assertTrue(r.out().contains("unknown op 'nosuch'"), r.out());
    assertTrue(r.err().contains("gossipbench: launch: rank "), r.err());
  }

  @Test
  void shouldRefuseTcpWithoutALauncher() {
    CliRunner r = CliRunner.run("collectives", "--transport", "tcp", "--no-log");
    // The test JVM has no launcher variables, unless CI itself runs under one.
    if (System.getenv("RANK") == null
        && System.getenv("SLURM_PROCID") == null
        && System.getenv("OMPI_COMM_WORLD_RANK") == null
        && System.getenv("GOSSIPBENCH_RANK") == null) {
      assertEquals(2, r.exitCode(), r.err());
      assertTrue(r.err().contains("--transport tcp needs a launcher's environment"), r.err());
    }
  }

  @Test
  void shouldRejectMalformedHosts() {
    CliRunner r =
        CliRunner.run("launch", "-np", "4", "--hosts", "a:2,b:x", "--", "topology", "list");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--hosts: malformed entry 'b:x'"), r.err());
    CliRunner few =
        CliRunner.run("launch", "-np", "4", "--hosts", "a:2,b:1", "--", "topology", "list");
    assertEquals(2, few.exitCode());
    assertTrue(few.err().contains("--hosts has 3 slots for -np 4"), few.err());
  }

  @Test
  void shouldRecognizeRankZerosReportThatItsRendezvousPortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRunner r =
          CliRunner.run(
              "launch",
              "-np",
              "2",
              "--master-port",
              Integer.toString(taken.getLocalPort()),
              "--",
              "collectives",
              "--transport",
              "tcp",
              "-b",
              "1K",
              "-e",
              "1K",
              "--no-log",
              "--timeout",
              "10");
      assertEquals(1, r.exitCode(), r.out() + r.err());
      assertTrue(
          r.out().lines().anyMatch(l -> l.startsWith("[0] ") && LaunchCommand.reportsPortTaken(l)),
          r.out() + r.err());
      assertFalse(r.err().contains("starting again"), "a port the user chose is not replaced");
    }
  }

  private static LaunchCommand.Outcome taken() {
    return new LaunchCommand.Outcome(0, 1, true);
  }

  @Test
  void shouldStartAgainOnAnotherPortWhenRankZerosWasTaken() throws Exception {
    List<Integer> tried = new ArrayList<>();
    StringWriter err = new StringWriter();
    Iterator<Integer> ports = List.of(5001, 5002, 5003).iterator();
    LaunchCommand.Outcome outcome =
        LaunchCommand.withFreshPorts(
            ports::next,
            3,
            port -> {
              tried.add(port);
              return port == 5001 ? taken() : new LaunchCommand.Outcome(-1, 0, false);
            },
            new PrintWriter(err));
    assertEquals(-1, outcome.failedRank());
    assertEquals(List.of(5001, 5002), tried);
    assertTrue(err.toString().contains("rendezvous port 5001 was taken"), err.toString());
  }

  @Test
  void shouldGiveUpOnTakenPortsAfterTheLastAttempt() throws Exception {
    List<Integer> tried = new ArrayList<>();
    Iterator<Integer> ports = List.of(5001, 5002, 5003, 5004).iterator();
    LaunchCommand.Outcome outcome =
        LaunchCommand.withFreshPorts(
            ports::next,
            3,
            port -> {
              tried.add(port);
              return taken();
            },
            new PrintWriter(new StringWriter()));
    assertTrue(outcome.portTaken());
    assertEquals(List.of(5001, 5002, 5003), tried);
  }

  @Test
  void shouldNotStartAgainWhenARankFailsForAnotherReason() throws Exception {
    List<Integer> tried = new ArrayList<>();
    LaunchCommand.Outcome outcome =
        LaunchCommand.withFreshPorts(
            () -> 5001,
            3,
            port -> {
              tried.add(port);
              return new LaunchCommand.Outcome(1, 2, false);
            },
            new PrintWriter(new StringWriter()));
    assertEquals(2, outcome.exitCode());
    assertEquals(List.of(5001), tried);
  }

  @Test
  void shouldPlaceConsecutiveRanksOnOneNamespaceWithRanksPerHost() {
    LaunchCommand.NetnsCluster c =
        LaunchCommand.placeRanks(
            "gb", new String[] {"gb-0", "gb-1"}, new String[] {"198.18.0.10", "198.18.0.11"}, 4, 8);
    assertEquals(
        List.of("gb-0", "gb-0", "gb-0", "gb-0", "gb-1", "gb-1", "gb-1", "gb-1"),
        List.of(c.hosts()));
    assertEquals("198.18.0.11", c.addresses()[4]);
    assertEquals("198.18.0.10", c.addresses()[3]);
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                LaunchCommand.placeRanks(
                    "gb", new String[] {"gb-0", "gb-1"}, new String[] {"a", "b"}, 4, 9));
    assertTrue(e.getMessage().contains("2 hosts of 4 ranks for -np 9"), e.getMessage());
  }
}
