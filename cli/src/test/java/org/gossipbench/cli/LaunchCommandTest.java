package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
