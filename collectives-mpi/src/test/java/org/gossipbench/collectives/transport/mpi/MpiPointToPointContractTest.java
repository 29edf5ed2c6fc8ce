package org.gossipbench.collectives.transport.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gossipbench.collectives.comm.PointToPointContract.Scenario;
import org.gossipbench.collectives.comm.PointToPointRankMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The point-to-point contract over MPI: each scenario is one mpirun job of {@link
 * PointToPointRankMain}. Skips where Open MPI is not installed.
 */
class MpiPointToPointContractTest {
  private static String mpirun;

  @BeforeAll
  static void findMpirun() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "mpirun");
      if (Files.isExecutable(p)) {
        mpirun = p.toString();
        break;
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenario.class)
  void theMpiTransportKeepsThePointToPointContract(Scenario scenario) throws Exception {
    assumeTrue(mpirun != null, "no mpirun on PATH: bash ci/mpi-setup.sh installs Open MPI");
    List<String> command =
        new ArrayList<>(
            List.of(
                mpirun,
                "--oversubscribe",
                "-np",
                Integer.toString(scenario.ranks()),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                PointToPointRankMain.class.getName(),
                "mpi",
                scenario.name()));
    Path log = Files.createTempFile("gossipbench-mpi-p2p", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    // Root is how CI runs; Open MPI refuses root unless told both of these.
    pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
    pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
    long t0 = System.nanoTime();
    Process p = pb.start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    assertTrue(done, "did not finish within 120 s:\n" + out);
    if (scenario == Scenario.ABORT) {
      // MPI fails a job one way, MPI_Abort, which ends every rank: the peer's pending receive
      // ends with its process, promptly, and the abort names the rank.
      assertNotEquals(0, p.exitValue(), out);
      assertTrue(out.contains("rank 0: aborting the MPI job"), out);
      assertFalse(out.contains("timed out"), out);
      assertTrue(seconds < scenario.timeout().toSeconds() / 2, "took " + seconds + " s:\n" + out);
      return;
    }
    for (int r = 0; r < scenario.ranks(); r++) {
      assertTrue(out.contains("rank " + r + " " + scenario + " ok"), out);
    }
    if (!scenario.breaksJob()) {
      assertEquals(0, p.exitValue(), out);
    }
  }
}
