package org.gossipbench.collectives.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gossipbench.collectives.comm.PointToPointContract.Scenario;
import org.gossipbench.collectives.comm.PointToPointRankMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The point-to-point contract over TCP: one process per rank on loopback, each running one scenario
 * through {@link PointToPointRankMain}.
 */
class TcpPointToPointContractTest {
  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenario.class)
  void theTcpTransportKeepsThePointToPointContract(Scenario scenario) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    for (int r = 0; r < scenario.ranks(); r++) {
      processes.add(startRank(r, scenario, port));
    }
    for (int r = 0; r < scenario.ranks(); r++) {
      Process p = processes.get(r);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rank " + r + " did not finish: " + log(r));
      assertTrue(log(r).contains("rank " + r + " " + scenario + " ok"), log(r));
      if (!scenario.breaksJob()) {
        assertEquals(0, p.exitValue(), log(r));
      }
    }
  }

  private Process startRank(int rank, Scenario scenario, int port) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            PointToPointRankMain.class.getName(),
            "tcp",
            scenario.name());
    pb.environment().put("GOSSIPBENCH_RANK", Integer.toString(rank));
    pb.environment().put("GOSSIPBENCH_WORLD_SIZE", Integer.toString(scenario.ranks()));
    pb.environment().put("GOSSIPBENCH_MASTER_ADDR", "127.0.0.1");
    pb.environment().put("GOSSIPBENCH_MASTER_PORT", Integer.toString(port));
    pb.environment().put("GOSSIPBENCH_TOKEN", "p2p-contract-token-0123456789");
    pb.environment().put("GOSSIPBENCH_BIND_ADDR", "127.0.0.1");
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("rank" + rank + ".log").toFile());
    return pb.start();
  }

  private String log(int rank) throws IOException {
    return Files.readString(dir.resolve("rank" + rank + ".log"), StandardCharsets.UTF_8);
  }
}
