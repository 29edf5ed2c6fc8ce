package org.gossipbench.collectives.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LaunchEnvironmentTest {

  private static Map<String, String> env(String... keysAndValues) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static Map<String, String> with(Map<String, String> base, String... keysAndValues) {
    Map<String, String> m = new HashMap<>(base);
    m.putAll(env(keysAndValues));
    return m;
  }

  private static LaunchEnvironment detected(Map<String, String> env) {
    Optional<LaunchEnvironment> found = LaunchEnvironment.detect(env);
    assertTrue(found.isPresent(), "no launcher detected in " + env);
    return found.get();
  }

  private static final Map<String, String> GOSSIPBENCH =
      env(
          "GOSSIPBENCH_RANK", "2",
          "GOSSIPBENCH_WORLD_SIZE", "4",
          "GOSSIPBENCH_MASTER_ADDR", "10.0.0.5",
          "GOSSIPBENCH_MASTER_PORT", "31000");
  private static final Map<String, String> TORCHRUN =
      env("RANK", "1", "WORLD_SIZE", "8", "MASTER_ADDR", "node07", "MASTER_PORT", "29400");
  private static final Map<String, String> SLURM =
      env(
          "SLURM_PROCID", "3",
          "SLURM_NTASKS", "16",
          "SLURM_JOB_NODELIST", "gpu[017-020]",
          "SLURM_JOB_ID", "123456");
  private static final Map<String, String> OPENMPI =
      env("OMPI_COMM_WORLD_RANK", "5", "OMPI_COMM_WORLD_SIZE", "6");

  // --- each mapping ---

  @Test
  void shouldReadEveryGossipbenchVariable() {
    LaunchEnvironment e = detected(with(GOSSIPBENCH, "GOSSIPBENCH_TOKEN", "s3cret"));
    assertEquals(new LaunchEnvironment(2, 4, "10.0.0.5", 31000, "s3cret", "gossipbench"), e);
  }

  @Test
  void shouldReadEveryTorchrunVariable() {
    LaunchEnvironment e = detected(TORCHRUN);
    assertEquals(new LaunchEnvironment(1, 8, "node07", 29400, null, "torchrun"), e);
  }

  @Test
  void shouldTakeSlurmAddressFromTheFirstNodeAndPortFromTheJobId() {
    LaunchEnvironment e = detected(SLURM);
    assertEquals(new LaunchEnvironment(3, 16, "gpu017", 20000 + 123456 % 10000, null, "slurm"), e);
  }

  @Test
  void shouldReadOpenMpiRankAndSizeWithLoopbackDefaults() {
    LaunchEnvironment e = detected(OPENMPI);
    assertEquals(new LaunchEnvironment(5, 6, "127.0.0.1", 29500, null, "openmpi"), e);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "gossipbench, GOSSIPBENCH_RANK, GOSSIPBENCH_WORLD_SIZE",
    "torchrun, RANK, WORLD_SIZE",
  })
  void shouldDefaultToLoopbackAndTorchPortWhenAddressAndPortAreUnset(
      String launcher, String rankVar, String sizeVar) {
    LaunchEnvironment e = detected(env(rankVar, "0", sizeVar, "1"));
    assertEquals(new LaunchEnvironment(0, 1, "127.0.0.1", 29500, null, launcher), e);
  }

  @Test
  void shouldFallBackToSlurmNprocsWhenNtasksIsUnset() {
    Map<String, String> m = new HashMap<>(SLURM);
    m.remove("SLURM_NTASKS");
    m.put("SLURM_NPROCS", "12");
    assertEquals(12, detected(m).worldSize());
  }

  @Test
  void shouldPreferSlurmNtasksOverNprocs() {
    assertEquals(16, detected(with(SLURM, "SLURM_NPROCS", "99")).worldSize());
  }

  @Test
  void shouldFallBackToSlurmNodelistWhenJobNodelistIsUnset() {
    Map<String, String> m = new HashMap<>(SLURM);
    m.remove("SLURM_JOB_NODELIST");
    m.put("SLURM_NODELIST", "cn[5-9]");
    assertEquals("cn5", detected(m).masterAddress());
  }

  @Test
  void shouldPreferTheStepNodelistBecauseRankZeroRunsOnTheStepsFirstNode() {
    LaunchEnvironment e = detected(with(SLURM, "SLURM_STEP_NODELIST", "gpu[019-020]"));
    assertEquals("gpu019", e.masterAddress());
  }

  @Test
  void shouldLetGossipbenchVariablesOverrideSlurmAddressAndPort() {
    LaunchEnvironment e =
        detected(
            with(SLURM, "GOSSIPBENCH_MASTER_ADDR", "ib-gpu017", "GOSSIPBENCH_MASTER_PORT", "4000"));
    assertEquals("ib-gpu017", e.masterAddress());
    assertEquals(4000, e.masterPort());
    assertEquals("slurm", e.launcher());
  }

  @Test
  void shouldNotNeedASlurmJobIdWhenThePortIsGiven() {
    Map<String, String> m = new HashMap<>(SLURM);
    m.remove("SLURM_JOB_ID");
    m.put("GOSSIPBENCH_MASTER_PORT", "4000");
    assertEquals(4000, detected(m).masterPort());
  }

  @ParameterizedTest(name = "job {0} -> port {1}")
  @CsvSource({"0, 20000", "1, 20001", "9999, 29999", "10000, 20000", "123456, 23456"})
  void shouldDeriveTheSlurmPortFromTheJobId(long jobId, int port) {
    assertEquals(port, LaunchEnvironment.slurmPort(jobId));
    assertEquals(port, detected(with(SLURM, "SLURM_JOB_ID", Long.toString(jobId))).masterPort());
  }

  @Test
  void shouldGiveEveryRankOfASlurmJobTheSameRendezvous() {
    LaunchEnvironment first = detected(with(SLURM, "SLURM_PROCID", "0"));
    for (int r = 1; r < 16; r++) {
      LaunchEnvironment other = detected(with(SLURM, "SLURM_PROCID", Integer.toString(r)));
      assertEquals(first.masterAddress(), other.masterAddress());
      assertEquals(first.masterPort(), other.masterPort());
    }
  }

  @Test
  void shouldTakeOpenMpiRendezvousFromMasterVariables() {
    LaunchEnvironment e = detected(with(OPENMPI, "MASTER_ADDR", "head", "MASTER_PORT", "5000"));
    assertEquals("head", e.masterAddress());
    assertEquals(5000, e.masterPort());
  }

  @Test
  void shouldPreferGossipbenchRendezvousOverMasterVariablesUnderOpenMpi() {
    LaunchEnvironment e =
        detected(
            with(
                OPENMPI,
                "MASTER_ADDR",
                "head",
                "MASTER_PORT",
                "5000",
                "GOSSIPBENCH_MASTER_ADDR",
                "gb-head",
                "GOSSIPBENCH_MASTER_PORT",
                "6000"));
    assertEquals("gb-head", e.masterAddress());
    assertEquals(6000, e.masterPort());
    assertEquals("openmpi", e.launcher());
  }

  @Test
  void shouldTrimWhitespaceAroundValues() {
    LaunchEnvironment e = detected(env("RANK", " 1 ", "WORLD_SIZE", "2\n", "MASTER_ADDR", " h "));
    assertEquals(1, e.rank());
    assertEquals(2, e.worldSize());
    assertEquals("h", e.masterAddress());
  }

  // --- token ---

  static Stream<Arguments> everyLauncher() {
    return Stream.of(
        Arguments.of("gossipbench", GOSSIPBENCH),
        Arguments.of("torchrun", TORCHRUN),
        Arguments.of("slurm", SLURM),
        Arguments.of("openmpi", OPENMPI));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyLauncher")
  void shouldReadTheTokenFromGossipbenchTokenForEveryLauncher(
      String launcher, Map<String, String> base) {
    LaunchEnvironment e = detected(with(base, "GOSSIPBENCH_TOKEN", "job-secret"));
    assertEquals(launcher, e.launcher());
    assertEquals("job-secret", e.token());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyLauncher")
  void shouldLeaveTheTokenNullWhenUnsetRatherThanInventOne(
      String launcher, Map<String, String> base) {
    assertNull(detected(base).token());
    assertNull(detected(with(base, "GOSSIPBENCH_TOKEN", "  ")).token());
  }

  @Test
  void shouldNotShowTheTokenInToString() {
    LaunchEnvironment e = detected(with(TORCHRUN, "GOSSIPBENCH_TOKEN", "hunter2"));
    assertFalse(e.toString().contains("hunter2"), e.toString());
    assertTrue(e.toString().contains("node07"), e.toString());
  }

  // --- precedence ---

  static Stream<Arguments> combinations() {
    return Stream.of(
        Arguments.of("gossipbench", new Map<?, ?>[] {GOSSIPBENCH, TORCHRUN, SLURM, OPENMPI}),
        Arguments.of("gossipbench", new Map<?, ?>[] {GOSSIPBENCH, SLURM}),
        Arguments.of("gossipbench", new Map<?, ?>[] {GOSSIPBENCH, OPENMPI}),
        Arguments.of("torchrun", new Map<?, ?>[] {TORCHRUN, SLURM, OPENMPI}),
        Arguments.of("torchrun", new Map<?, ?>[] {TORCHRUN, SLURM}),
        Arguments.of("torchrun", new Map<?, ?>[] {TORCHRUN, OPENMPI}),
        Arguments.of("slurm", new Map<?, ?>[] {SLURM, OPENMPI}));
  }

  @ParameterizedTest(name = "{0} wins")
  @MethodSource("combinations")
  void shouldPreferGossipbenchThenTorchrunThenSlurmThenOpenMpi(String winner, Map<?, ?>[] parts) {
    Map<String, String> m = new HashMap<>();
    for (Map<?, ?> part : parts) {
      part.forEach((k, v) -> m.put((String) k, (String) v));
    }
    assertEquals(winner, detected(m).launcher());
  }

  @Test
  void shouldIgnoreABrokenLowerPriorityLauncher() {
    // Slurm's variables are garbage, but torchrun's are found first and are all that is read.
    LaunchEnvironment e = detected(with(TORCHRUN, "SLURM_PROCID", "x", "SLURM_NTASKS", "-1"));
    assertEquals("torchrun", e.launcher());
  }

  @Test
  void shouldDetectNothingInAnEmptyEnvironment() {
    assertEquals(Optional.empty(), LaunchEnvironment.detect(Map.of()));
  }

  @Test
  void shouldDetectNothingWhenOnlyNonRankVariablesAreSet() {
    Map<String, String> m =
        env(
            "WORLD_SIZE", "4",
            "MASTER_ADDR", "h",
            "SLURM_NTASKS", "4",
            "SLURM_JOB_ID", "7",
            "OMPI_COMM_WORLD_SIZE", "4",
            "GOSSIPBENCH_TOKEN", "t",
            "GOSSIPBENCH_MASTER_PORT", "1234",
            "RANK", "");
    assertEquals(Optional.empty(), LaunchEnvironment.detect(m));
  }

  // --- Slurm host lists ---

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "node01; node01",
        "node[01-04]; node01",
        "node[3,5-7]; node3",
        "gpu-a[009-012],gpu-b[1-2]; gpu-a009",
        "n1,n2; n1",
        "rack1-node[2-3]; rack1-node2",
        "node[7]; node7",
        "node[0010-0012]; node0010",
        "rack[1-2]-node[05-08]; rack1-node05",
        "node[12-14].cluster.local; node12.cluster.local",
        "'  cn[100-101]  '; cn100",
        "a,b[1-2],c; a",
        "node[3,5-7],other[1-4]; node3",
        "10.0.0.1; 10.0.0.1",
      })
  void shouldNameTheFirstHostOfASlurmHostList(String nodelist, String first) {
    assertEquals(first, LaunchEnvironment.firstSlurmHost(nodelist));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      value = {
        "''",
        "'   '",
        "',n1'",
        "'node[-2]'",
        "'node[01-04'",
        "'node]1'",
        "'node[]'",
        "'node[a-c]'",
        "'node[1x]'"
      })
  void shouldRejectAnEmptyOrMalformedSlurmHostList(String nodelist) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> LaunchEnvironment.firstSlurmHost(nodelist));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void shouldRejectANullSlurmHostList() {
    assertThrows(IllegalArgumentException.class, () -> LaunchEnvironment.firstSlurmHost(null));
  }

  // --- errors ---

  static Stream<Arguments> badEnvironments() {
    Map<String, String> slurmNoSize = new HashMap<>(SLURM);
    slurmNoSize.remove("SLURM_NTASKS");
    Map<String, String> slurmNoList = new HashMap<>(SLURM);
    slurmNoList.remove("SLURM_JOB_NODELIST");
    Map<String, String> slurmNoJobId = new HashMap<>(SLURM);
    slurmNoJobId.remove("SLURM_JOB_ID");
    return Stream.of(
        // non-integer values
        Arguments.of(with(GOSSIPBENCH, "GOSSIPBENCH_RANK", "two"), "GOSSIPBENCH_RANK"),
        Arguments.of(with(GOSSIPBENCH, "GOSSIPBENCH_WORLD_SIZE", "4.0"), "GOSSIPBENCH_WORLD_SIZE"),
        Arguments.of(
            with(GOSSIPBENCH, "GOSSIPBENCH_MASTER_PORT", "http"), "GOSSIPBENCH_MASTER_PORT"),
        Arguments.of(with(TORCHRUN, "RANK", "1a"), "RANK"),
        Arguments.of(with(TORCHRUN, "WORLD_SIZE", "eight"), "WORLD_SIZE"),
        Arguments.of(with(TORCHRUN, "MASTER_PORT", "99999999999"), "MASTER_PORT"),
        Arguments.of(with(SLURM, "SLURM_PROCID", "p"), "SLURM_PROCID"),
        Arguments.of(with(SLURM, "SLURM_NTASKS", "n"), "SLURM_NTASKS"),
        Arguments.of(with(SLURM, "SLURM_JOB_ID", "123_4"), "SLURM_JOB_ID"),
        Arguments.of(with(OPENMPI, "OMPI_COMM_WORLD_RANK", "r"), "OMPI_COMM_WORLD_RANK"),
        Arguments.of(with(OPENMPI, "OMPI_COMM_WORLD_SIZE", "s"), "OMPI_COMM_WORLD_SIZE"),
        Arguments.of(with(OPENMPI, "MASTER_PORT", "p"), "MASTER_PORT"),
        // rank outside [0, worldSize)
        Arguments.of(with(GOSSIPBENCH, "GOSSIPBENCH_RANK", "4"), "GOSSIPBENCH_RANK"),
        Arguments.of(with(GOSSIPBENCH, "GOSSIPBENCH_RANK", "-1"), "GOSSIPBENCH_RANK"),
        Arguments.of(with(TORCHRUN, "RANK", "8"), "RANK"),
        Arguments.of(with(SLURM, "SLURM_PROCID", "16"), "SLURM_PROCID"),
        Arguments.of(with(OPENMPI, "OMPI_COMM_WORLD_RANK", "6"), "OMPI_COMM_WORLD_RANK"),
        // world size < 1
        Arguments.of(with(GOSSIPBENCH, "GOSSIPBENCH_WORLD_SIZE", "0"), "GOSSIPBENCH_WORLD_SIZE"),
        Arguments.of(with(TORCHRUN, "WORLD_SIZE", "-3"), "WORLD_SIZE"),
        Arguments.of(with(SLURM, "SLURM_NTASKS", "0"), "SLURM_NTASKS"),
        Arguments.of(with(OPENMPI, "OMPI_COMM_WORLD_SIZE", "0"), "OMPI_COMM_WORLD_SIZE"),
        // port outside 1..65535
        Arguments.of(with(GOSSIPBENCH, "GOSSIPBENCH_MASTER_PORT", "0"), "GOSSIPBENCH_MASTER_PORT"),
        Arguments.of(with(TORCHRUN, "MASTER_PORT", "65536"), "MASTER_PORT"),
        Arguments.of(with(SLURM, "GOSSIPBENCH_MASTER_PORT", "-1"), "GOSSIPBENCH_MASTER_PORT"),
        Arguments.of(with(OPENMPI, "GOSSIPBENCH_MASTER_PORT", "70000"), "GOSSIPBENCH_MASTER_PORT"),
        // missing world size
        Arguments.of(env("GOSSIPBENCH_RANK", "0"), "GOSSIPBENCH_WORLD_SIZE"),
        Arguments.of(env("RANK", "0"), "WORLD_SIZE"),
        Arguments.of(env("RANK", "0", "WORLD_SIZE", " "), "WORLD_SIZE"),
        Arguments.of(slurmNoSize, "SLURM_NTASKS"),
        Arguments.of(env("OMPI_COMM_WORLD_RANK", "0"), "OMPI_COMM_WORLD_SIZE"),
        // Slurm host list missing, empty or malformed, and no job id to derive a port from
        Arguments.of(slurmNoList, "SLURM_JOB_NODELIST"),
        Arguments.of(with(SLURM, "SLURM_JOB_NODELIST", ""), "SLURM_JOB_NODELIST"),
        Arguments.of(with(SLURM, "SLURM_JOB_NODELIST", ","), "SLURM_JOB_NODELIST"),
        Arguments.of(with(SLURM, "SLURM_JOB_NODELIST", "gpu[01-04"), "SLURM_JOB_NODELIST"),
        Arguments.of(with(SLURM, "SLURM_STEP_NODELIST", "[x]"), "SLURM_STEP_NODELIST"),
        Arguments.of(slurmNoJobId, "SLURM_JOB_ID"));
  }

  @ParameterizedTest(name = "[{index}] names {1}")
  @MethodSource("badEnvironments")
  void shouldRejectBadValuesWithAOneLineMessageNamingTheVariable(
      Map<String, String> env, String variable) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LaunchEnvironment.detect(env));
    assertTrue(e.getMessage().contains(variable), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void shouldNameTheBoundsWhenTheRankIsOutOfRange() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LaunchEnvironment.detect(with(TORCHRUN, "RANK", "8")));
    assertEquals("RANK must be in [0, 8) since WORLD_SIZE=8, got 8", e.getMessage());
  }

  static Stream<Arguments> badRecords() {
    return Stream.of(
        Arguments.of(0, 0, "h", 1, null, "worldSize"),
        Arguments.of(2, 2, "h", 1, null, "rank"),
        Arguments.of(-1, 2, "h", 1, null, "rank"),
        Arguments.of(0, 1, " ", 1, null, "masterAddress"),
        Arguments.of(0, 1, null, 1, null, "masterAddress"),
        Arguments.of(0, 1, "h", 0, null, "masterPort"),
        Arguments.of(0, 1, "h", 65536, null, "masterPort"),
        Arguments.of(0, 1, "h", 1, "", "token"));
  }

  @ParameterizedTest(name = "[{index}] {5}")
  @MethodSource("badRecords")
  void shouldRejectAnInvalidRecordBuiltDirectly(
      int rank, int worldSize, String address, int port, String token, String field) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LaunchEnvironment(rank, worldSize, address, port, token, "test"));
    assertTrue(e.getMessage().contains(field), e.getMessage());
  }

  // --- toGossipbenchEnv ---

  @Test
  void shouldWriteTheGossipbenchVariablesForAChild() {
    LaunchEnvironment e = new LaunchEnvironment(3, 8, "head", 29501, "tok", "slurm");
    assertEquals(
        Map.of(
            "GOSSIPBENCH_RANK", "3",
            "GOSSIPBENCH_WORLD_SIZE", "8",
            "GOSSIPBENCH_MASTER_ADDR", "head",
            "GOSSIPBENCH_MASTER_PORT", "29501",
            "GOSSIPBENCH_TOKEN", "tok"),
        e.toGossipbenchEnv());
  }

  @Test
  void shouldLeaveTheTokenVariableOutWhenThereIsNoToken() {
    LaunchEnvironment e = new LaunchEnvironment(0, 1, "127.0.0.1", 29500, null, "gossipbench");
    assertFalse(e.toGossipbenchEnv().containsKey("GOSSIPBENCH_TOKEN"));
  }

  static Stream<LaunchEnvironment> roundTrips() {
    return Stream.of(
        new LaunchEnvironment(0, 1, "127.0.0.1", 29500, null, "gossipbench"),
        new LaunchEnvironment(2, 4, "10.0.0.5", 31000, "s3cret", "gossipbench"),
        new LaunchEnvironment(15, 16, "gpu-a009.cluster", 65535, "a b c", "gossipbench"),
        new LaunchEnvironment(1, 2, "::1", 1, "tok", "gossipbench"));
  }

  @ParameterizedTest
  @MethodSource("roundTrips")
  void shouldDetectItselfFromItsOwnGossipbenchVariables(LaunchEnvironment e) {
    assertEquals(Optional.of(e), LaunchEnvironment.detect(e.toGossipbenchEnv()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyLauncher")
  void shouldHandEveryLaunchersEnvironmentOnAsGossipbench(
      String launcher, Map<String, String> base) {
    LaunchEnvironment original = detected(with(base, "GOSSIPBENCH_TOKEN", "t0k"));
    LaunchEnvironment child = detected(original.toGossipbenchEnv());
    assertEquals(
        new LaunchEnvironment(
            original.rank(),
            original.worldSize(),
            original.masterAddress(),
            original.masterPort(),
            original.token(),
            "gossipbench"),
        child);
  }
}
