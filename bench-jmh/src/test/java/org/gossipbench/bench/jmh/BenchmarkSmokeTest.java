package org.gossipbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.TransportConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark of this module once, in-process and with a tiny budget, so a benchmark that
 * throws, or no longer compiles into the JMH list, fails the normal build rather than the next
 * {@code -Pbench} run. Classes come from the {@code META-INF/BenchmarkList} that JMH's annotation
 * processor generates, so new benchmark classes are covered without touching this test.
 *
 * <p>Parameters: those named in {@link #SMOKE_PARAMS} take the small value given there; every other
 * {@code @Param} runs at its first declared value only. A new benchmark whose work is sized by a
 * parameter of another name should add it here.
 */
class BenchmarkSmokeTest {
  /** Small values for the parameters that size a benchmark's work. */
  private static final Map<String, String> SMOKE_PARAMS = Map.of("rows", "1000");

  @BeforeAll
  static void doNotWaitForOtherJmhRuns() {
    // A real benchmark run elsewhere on this machine holds /tmp/jmh.lock for minutes; a smoke
    // run measures nothing, so it need not wait for it.
    System.setProperty("jmh.ignoreLock", "true");
  }

  private static SortedMap<String, List<BenchmarkListEntry>> benchmarksByClass() {
    OutputFormat quiet = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT);
    return BenchmarkList.defaultList().getAll(quiet, List.of()).stream()
        .collect(
            Collectors.groupingBy(
                BenchmarkListEntry::getUserClassQName, TreeMap::new, Collectors.toList()));
  }

  @Test
  void theGeneratedListHasTheBenchmarks() {
    Set<String> classes = benchmarksByClass().keySet();
    assertTrue(
        classes.contains(ResultWriterBenchmark.class.getName()),
        "META-INF/BenchmarkList lists "
            + classes
            + "; is the JMH annotation processor configured?");
  }

  @TestFactory
  Stream<DynamicTest> everyBenchmarkClassRunsOnce() {
    SortedMap<String, List<BenchmarkListEntry>> byClass = benchmarksByClass();
    assertFalse(byClass.isEmpty(), "no benchmarks in META-INF/BenchmarkList");
    return byClass.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey().substring(e.getKey().lastIndexOf('.') + 1),
                    () -> smokeRun(e.getKey(), e.getValue())));
  }

  /**
   * Skips a benchmark whose {@code transport} parameter names a transport this machine cannot join
   * (the -Pgpu device benchmarks without a GPU), with the transport's one-line reason, the line
   * that benchmark's setup would fail with; DeviceBenchmarkTest checks that it does.
   */
  private static void assumeTransportJoins(List<BenchmarkListEntry> entries) {
    for (BenchmarkListEntry entry : entries) {
      String[] transport =
          entry.getParams().hasValue() ? entry.getParams().get().get("transport") : null;
      if (transport == null || transport[0].equals("local")) {
        continue;
      }
      try (Job job =
          new TransportConfig().transport(transport[0]).ranks(1).environment(Map.of()).join()) {
        // Joined and left at once: the smoke run joins again, in the benchmark's setup.
      } catch (IllegalArgumentException e) {
        assumeTrue(false, e.getMessage());
      }
    }
  }

  private static void smokeRun(String className, List<BenchmarkListEntry> entries) {
    assumeTransportJoins(entries);
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(className) + "\\.")
            .forks(0)
            .threads(1)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .timeout(TimeValue.seconds(30))
            .shouldFailOnError(true);
    for (BenchmarkListEntry entry : entries) {
      if (entry.getParams().hasValue()) {
        for (Map.Entry<String, String[]> p : entry.getParams().get().entrySet()) {
          options.param(p.getKey(), SMOKE_PARAMS.getOrDefault(p.getKey(), p.getValue()[0]));
        }
      }
    }

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Collection<RunResult> results;
    try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
      results =
          new Runner(
                  options.build(),
                  OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL))
              .run();
    } catch (RunnerException e) {
      throw new AssertionError(className + " failed:\n" + log.toString(StandardCharsets.UTF_8), e);
    }

    Set<String> expected =
        entries.stream()
            .map(BenchmarkListEntry::getUsername)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> ran =
        results.stream()
            .map(r -> r.getParams().getBenchmark())
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, ran, () -> "benchmarks run\n" + log.toString(StandardCharsets.UTF_8));
    for (RunResult r : results) {
      double score = r.getPrimaryResult().getScore();
      if (!Double.isFinite(score)) {
        fail(
            r.getParams().getBenchmark()
                + " scored "
                + score
                + "\n"
                + log.toString(StandardCharsets.UTF_8));
      }
    }
  }
}
