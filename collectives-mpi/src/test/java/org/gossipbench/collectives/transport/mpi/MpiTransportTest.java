package org.gossipbench.collectives.transport.mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mpi transport in real MPI jobs: mpirun starts n JVMs running {@link MpiRankMain}. Skips, with
 * the reason, where Open MPI is not installed (bash ci/mpi-setup.sh installs it).
 */
class MpiTransportTest {
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

  private static void assumeMpi() {
    assumeTrue(mpirun != null, "no mpirun on PATH: bash ci/mpi-setup.sh installs Open MPI");
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, Map<String, String> extraEnv, long seconds)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("gossipbench-mpi", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    // Root is how CI runs; Open MPI refuses root unless told both of these.
    pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
    pb.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    assertTrue(done, "did not finish within " + seconds + " s:\n" + out);
    return new Result(p.exitValue(), out);
  }

  private static List<String> rank(String... args) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.add("-Dfile.encoding=UTF-8");
    c.add("-Xmx512m");
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(MpiRankMain.class.getName());
    c.addAll(List.of(args));
    return c;
  }

  private static List<String> mpirun(int n, List<String> rank) {
    List<String> c =
        new ArrayList<>(List.of(mpirun, "--oversubscribe", "-np", Integer.toString(n)));
    c.addAll(rank);
    return c;
  }

  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {2, 3, 4, 5, 6, 7, 8})
  void everyCollectiveOursAndTheVendorsIsExactOverMpi(int n) throws Exception {
    assumeMpi();
    Result r = run(mpirun(n, rank("check")), Map.of(), 300);
    assertEquals(0, r.exit(), r.output());
    for (int i = 0; i < n; i++) {
      assertTrue(r.output().contains("rank " + i + " ok"), "rank " + i + ":\n" + r.output());
    }
  }

  @Test
  void ourCollectivesAllocateNothingPerIterationOverMpi() throws Exception {
    assumeMpi();
    Result r = run(mpirun(4, rank("alloc")), Map.of(), 300);
    assertEquals(0, r.exit(), r.output());
    for (int i = 0; i < 4; i++) {
      assertTrue(r.output().contains("rank " + i + " ok"), "rank " + i + ":\n" + r.output());
    }
  }

  @Test
  void aStalledPeerEndsTheJobWithATimeoutNamingIt() throws Exception {
    assumeMpi();
    long t0 = System.nanoTime();
    Result r = run(mpirun(2, rank("stall", "3")), Map.of(), 60);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("timed out after 3.0 s"), r.output());
    assertTrue(r.output().contains("with rank 1"), r.output());
    assertTrue(seconds < 40, "took " + seconds + " s: the stalled rank was not stopped");
  }

  @Test
  void withoutALauncherJoiningSaysSoOnOneLine() throws Exception {
    Map<String, String> clean = Map.of();
    List<String> cmd =
        new ArrayList<>(
            List.of("env", "-u", "OMPI_COMM_WORLD_SIZE", "-u", "PMIX_RANK", "-u", "PMI_RANK"));
    cmd.addAll(rank("join"));
    Result r = run(cmd, clean, 60);
    assertEquals(2, r.exit(), r.output());
    assertEquals(1, r.output().strip().lines().count(), r.output());
    assertTrue(r.output().contains("must be started by mpirun or srun"), r.output());
  }

  @Test
  void withoutTheLibraryJoiningNamesItOnOneLine() throws Exception {
    List<String> cmd = rank("join");
    cmd.add(1, "-Djava.library.path=/nonexistent");
    Result r = run(cmd, Map.of("OMPI_COMM_WORLD_SIZE", "1", "OMPI_COMM_WORLD_RANK", "0"), 60);
    assertEquals(2, r.exit(), r.output());
    assertEquals(1, r.output().strip().lines().count(), r.output());
    assertTrue(r.output().contains("libmpi_java.so"), r.output());
  }
}
