package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code collectives --transport tcp} as started by each launcher: real processes that get only the
 * variables torchrun, srun or mpirun would set (plus the job token), and must find each other.
 */
class LauncherEnvironmentProcessTest {
  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  // A port found free may be taken by another process before rank 0's store binds it; rank 0 then
  // fails naming the taken port and the run is repeated on another one. Nothing else is retried.
  private static final String PORT_TAKEN = "Address already in use";
  private static final int ATTEMPTS = 5;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Map<String, String> variables(
      String launcher, int rank, int n, int port, String token) {
    Map<String, String> env = new HashMap<>();
    // Fresh per try: a rank that dials a port another job's store holds is refused by it.
    env.put("GOSSIPBENCH_TOKEN", token);
    switch (launcher) {
      case "torchrun" -> {
        env.put("RANK", Integer.toString(rank));
        env.put("WORLD_SIZE", Integer.toString(n));
        env.put("MASTER_ADDR", "127.0.0.1");
        env.put("MASTER_PORT", Integer.toString(port));
      }
      case "slurm" -> {
        env.put("SLURM_PROCID", Integer.toString(rank));
        env.put("SLURM_NTASKS", Integer.toString(n));
        env.put("SLURM_JOB_NODELIST", "localhost");
        env.put("SLURM_JOB_ID", "4242");
        env.put("GOSSIPBENCH_MASTER_ADDR", "127.0.0.1");
        env.put("GOSSIPBENCH_MASTER_PORT", Integer.toString(port));
      }
      case "openmpi" -> {
        env.put("OMPI_COMM_WORLD_RANK", Integer.toString(rank));
        env.put("OMPI_COMM_WORLD_SIZE", Integer.toString(n));
        env.put("MASTER_PORT", Integer.toString(port));
      }
      default -> throw new IllegalArgumentException(launcher);
    }
    return env;
  }

  @ParameterizedTest
  @ValueSource(strings = {"torchrun", "slurm", "openmpi"})
  void ranksStartedByEachLauncherFindEachOther(String launcher) throws Exception {
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      try {
        runJob(launcher, port);
        return;
      } catch (AssertionError e) {
        String rank0 = Files.readString(dir.resolve("rank0.log"), StandardCharsets.UTF_8);
        if (attempt == ATTEMPTS || !rank0.contains(PORT_TAKEN)) {
          throw e;
        }
        System.err.println("port " + port + " was taken before rank 0 could serve on it: retrying");
        killLeftovers();
      }
    }
  }

  private void runJob(String launcher, int port) throws Exception {
    int n = 3;
    String token = "launcher-test-" + UUID.randomUUID();
    List<Process> ranks = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "--add-opens=java.base/java.nio=ALL-UNNAMED",
              "-cp",
              System.getProperty("java.class.path"),
              Main.class.getName(),
              "collectives",
              "--transport",
              "tcp",
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
              "csv",
              "--no-log");
      pb.environment()
          .keySet()
          .removeIf(
              k ->
                  k.startsWith("GOSSIPBENCH_")
                      || k.startsWith("SLURM_")
                      || k.startsWith("OMPI_")
                      || k.equals("RANK")
                      || k.equals("WORLD_SIZE")
                      || k.startsWith("MASTER_"));
      pb.environment().putAll(variables(launcher, r, n, port, token));
      pb.redirectErrorStream(true);
      pb.redirectOutput(dir.resolve("rank" + r + ".log").toFile());
      Process p = pb.start();
      processes.add(p);
      ranks.add(p);
    }
    for (int r = 0; r < n; r++) {
      String log = "";
      boolean done = ranks.get(r).waitFor(120, TimeUnit.SECONDS);
      log = Files.readString(dir.resolve("rank" + r + ".log"), StandardCharsets.UTF_8);
      assertTrue(done, launcher + " rank " + r + " hung: " + log);
      assertEquals(0, ranks.get(r).exitValue(), launcher + " rank " + r + ": " + log);
      if (r == 0) {
        List<String> lines = log.lines().filter(l -> !l.startsWith("#")).toList();
        assertTrue(lines.get(0).startsWith("size,count"), log);
        assertEquals(3, lines.size(), log);
        lines.subList(1, 3).forEach(row -> assertEquals("0", row.split(",")[9], row));
      } else {
        assertTrue(log.isBlank(), "only rank 0 reports: " + log);
      }
    }
  }
}
