package org.gossipbench.collectives.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real processes, real sockets on loopback: every collective over TCP, a killed rank, a wrong
 * token.
 */
class TcpTransportTest {
  @TempDir Path dir;
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  // Fresh per attempt: a rank that dials a port some other job's store holds is refused by it.
  private static String freshToken() {
    return "test-token-" + UUID.randomUUID();
  }

  private String rank0Log() {
    try {
      return log(0);
    } catch (IOException e) {
      return "";
    }
  }

  private void retryWhileTaken(StorePort.Attempt attempt) throws Exception {
    StorePort.retryWhileTaken(attempt, this::rank0Log, this::killLeftovers);
  }

  private Process startRank(
      int rank, int n, int port, String token, String mode, String timeoutSeconds)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "org.gossipbench.collectives.transport.tcp.TcpRankMain",
            mode);
    pb.environment().put("GOSSIPBENCH_RANK", Integer.toString(rank));
    pb.environment().put("GOSSIPBENCH_WORLD_SIZE", Integer.toString(n));
    pb.environment().put("GOSSIPBENCH_MASTER_ADDR", "127.0.0.1");
    pb.environment().put("GOSSIPBENCH_MASTER_PORT", Integer.toString(port));
    pb.environment().put("GOSSIPBENCH_TOKEN", token);
    pb.environment().put("GOSSIPBENCH_TIMEOUT", timeoutSeconds);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("rank" + rank + ".log").toFile());
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private String log(int rank) throws IOException {
    return Files.readString(dir.resolve("rank" + rank + ".log"), StandardCharsets.UTF_8);
  }

  /** Runs n ranks in {@code mode} and requires every one to exit 0 saying it is ok. */
  private void runAllRanksToSuccess(int n, String mode) throws Exception {
    retryWhileTaken(
        port -> {
          String token = freshToken();
          List<Process> ranks = new ArrayList<>();
          for (int r = 0; r < n; r++) {
            ranks.add(startRank(r, n, port, token, mode, "60"));
          }
          for (int r = 0; r < n; r++) {
            assertTrue(
                ranks.get(r).waitFor(240, TimeUnit.SECONDS),
                "rank " + r + " did not finish: " + log(r));
            assertEquals(0, ranks.get(r).exitValue(), "rank " + r + ": " + log(r));
            assertTrue(log(r).contains("rank " + r + " ok"), log(r));
          }
        });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 5})
  void everyCollectiveIsExactOverTcpBetweenProcesses(int n) throws Exception {
    runAllRanksToSuccess(n, "check");
  }

  @Test
  void everyCollectiveAllocatesNothingPerIterationOverTcp() throws Exception {
    runAllRanksToSuccess(3, "alloc");
  }

  @Test
  void killingARankMidCollectiveFailsTheOthersNamingIt() throws Exception {
    retryWhileTaken(
        port -> {
          int n = 4;
          String token = freshToken();
          List<Process> ranks = new ArrayList<>();
          for (int r = 0; r < n; r++) {
            ranks.add(startRank(r, n, port, token, "loop", "30"));
          }
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (!log(0).contains("iteration 5")
              && ranks.get(0).isAlive()
              && System.nanoTime() < deadline) {
            Thread.sleep(50);
          }
          assertTrue(log(0).contains("iteration 5"), log(0));
          ranks.get(2).destroyForcibly();
          long killed = System.nanoTime();
          for (int r : new int[] {0, 1, 3}) {
            assertTrue(
                ranks.get(r).waitFor(25, TimeUnit.SECONDS),
                "rank " + r + " still running after the kill: " + log(r));
            assertNotEquals(0, ranks.get(r).exitValue(), log(r));
          }
          long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killed);
          assertTrue(seconds < 25, "took " + seconds + " s");
          // The neighbours of rank 2 see its connection close; the others see theirs close in
          // turn.
          assertTrue(log(1).contains("rank 2") || log(3).contains("rank 2"), log(1) + log(3));
        });
  }

  @Test
  void aConnectionWithoutTheTokenIsRejectedAndHarmsNoOne() throws Exception {
    retryWhileTaken(
        port -> {
          String token = freshToken();
          Process rank0 = startRank(0, 2, port, token, "check", "60");
          // A stray client with the wrong token is dropped by the store.
          TcpStore.Client wrong =
              TcpStore.Client.connect(
                  "127.0.0.1", port, "not-the-token", 1, Duration.ofSeconds(30));
          assertThrows(IOException.class, () -> wrong.set("addr/1", "127.0.0.1:1"));
          wrong.close();
          // Garbage bytes, and a header claiming a huge token, are dropped too.
          try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals(-1, s.getInputStream().read());
          }
          try (Socket s = new Socket("127.0.0.1", port)) {
            java.io.DataOutputStream out = new java.io.DataOutputStream(s.getOutputStream());
            out.writeInt(Handshake.MAGIC);
            out.writeShort(65535);
            out.flush();
            assertEquals(-1, s.getInputStream().read());
          }
          // The real rank 1 still joins and the job completes.
          Process rank1 = startRank(1, 2, port, token, "check", "60");
          assertTrue(rank0.waitFor(120, TimeUnit.SECONDS), log(0));
          assertTrue(rank1.waitFor(120, TimeUnit.SECONDS), log(1));
          assertEquals(0, rank0.exitValue(), log(0));
          assertEquals(0, rank1.exitValue(), log(1));
        });
  }

  @Test
  void aRankWithTheWrongTokenCannotJoin() throws Exception {
    retryWhileTaken(
        port -> {
          Process rank0 = startRank(0, 2, port, freshToken(), "check", "5");
          Process intruder = startRank(1, 2, port, "wrong-token", "check", "5");
          assertTrue(intruder.waitFor(60, TimeUnit.SECONDS), log(1));
          assertNotEquals(0, intruder.exitValue());
          assertTrue(rank0.waitFor(60, TimeUnit.SECONDS), log(0));
          assertNotEquals(
              0, rank0.exitValue(), "rank 0 must give up waiting for a legitimate rank 1");
          assertTrue(log(0).contains("rank 1 did not join"), log(0));
        });
  }

  static String read(Process p) throws IOException {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      return String.join("\n", r.lines().toList());
    }
  }
}
