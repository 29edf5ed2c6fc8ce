package org.gossipbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gossipbench.collectives.comm.CommunicatorProvider;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.TransportConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The device benchmarks (package {@code gpu}): listed with {@code transport=nccl} exactly when the
 * build has the nccl transport ({@code -Pgpu}), so the default suite is unchanged; and on a machine
 * that cannot run NCCL their setup fails with the probe's one line, through JMH too, rather than
 * with a JVM error. Written without the gpu classes at compile time, so it runs in both builds.
 */
class DeviceBenchmarkTest {
  private static final String PACKAGE = "org.gossipbench.bench.jmh.gpu.";
  private static final String ALLREDUCE = PACKAGE + "NcclAllreduceBenchmark";
  private static final String NEIGHBOR = PACKAGE + "NcclNeighborAverageBenchmark";

  @BeforeAll
  static void doNotWaitForOtherJmhRuns() {
    System.setProperty("jmh.ignoreLock", "true"); // as BenchmarkSmokeTest: nothing is measured
  }

  private static boolean gpuBuild() {
    return CommunicatorProvider.find("nccl").isPresent();
  }

  /** Class name to its parameters and their declared values, for the device benchmarks. */
  private static Map<String, Map<String, List<String>>> deviceBenchmarks() {
    Map<String, Map<String, List<String>>> out = new TreeMap<>();
    for (BenchmarkListEntry e :
        BenchmarkList.defaultList()
            .getAll(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT),
                List.of())) {
      if (e.getUserClassQName().startsWith(PACKAGE)) {
        Map<String, List<String>> params = new TreeMap<>();
        e.getParams().orElse(Map.of()).forEach((k, v) -> params.put(k, List.of(v)));
        out.put(e.getUserClassQName(), params);
      }
    }
    return out;
  }

  @Test
  void shouldListTheNcclBenchmarksExactlyInTheGpuBuild() {
    Map<String, Map<String, List<String>>> listed = deviceBenchmarks();
    if (!gpuBuild()) {
      assertEquals(Map.of(), listed, "the default build's suite must not list device benchmarks");
      return;
    }
    assertEquals(List.of(ALLREDUCE, NEIGHBOR), List.copyOf(listed.keySet()));
    List<String> bytes = List.of("4096", "1048576", "16777216", "102000000", "104857600");
    assertEquals(
        Map.of(
            "transport",
            List.of("nccl"),
            "algorithm",
            List.of("nccl", "nccl-ring"),
            "bytes",
            bytes),
        listed.get(ALLREDUCE));
    assertEquals(
        Map.of("transport", List.of("nccl"), "topology", List.of("one-peer-exp"), "bytes", bytes),
        listed.get(NEIGHBOR));
  }

  /** The provider's refusal here, or null where this machine runs NCCL. */
  private static String refusal() {
    try (Job job = new TransportConfig().transport("nccl").ranks(1).environment(Map.of()).join()) {
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  @Test
  void shouldRefuseInSetUpWithTheProbesOneLineWithoutAGpu() throws Exception {
    assumeTrue(gpuBuild(), "no nccl transport in this build (-Pgpu adds it)");
    String reason = refusal();
    assumeTrue(reason != null, "this machine runs NCCL");
    assertTrue(reason.startsWith("--transport nccl: "), reason);
    assertFalse(reason.contains("\n"), reason);

    for (String name : List.of(ALLREDUCE, NEIGHBOR)) {
      Class<?> type = Class.forName(name);
      Object benchmark = type.getConstructor().newInstance();
      type.getField("transport").set(benchmark, "nccl");
      type.getField("bytes").setLong(benchmark, 4096);
      if (name.equals(ALLREDUCE)) {
        type.getField("algorithm").set(benchmark, "nccl");
      } else {
        type.getField("topology").set(benchmark, "one-peer-exp");
      }
      InvocationTargetException e =
          assertThrows(
              InvocationTargetException.class, () -> type.getMethod("setUp").invoke(benchmark));
      assertInstanceOf(IllegalArgumentException.class, e.getCause(), name);
      assertEquals(reason, e.getCause().getMessage(), name);
    }

    // Through JMH, as -Pbench,gpu runs it: an error naming the reason, and this JVM still here.
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
      Runner runner =
          new Runner(
              new OptionsBuilder()
                  .include("^" + ALLREDUCE.replace(".", "\\.") + "\\.")
                  .param("algorithm", "nccl")
                  .param("bytes", "4096")
                  .forks(0)
                  .warmupIterations(0)
                  .measurementIterations(1)
                  .measurementTime(TimeValue.milliseconds(100))
                  .shouldFailOnError(true)
                  .build(),
              OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL));
      assertThrows(RunnerException.class, runner::run);
    }
    String text = log.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains(reason), text);
  }
}
