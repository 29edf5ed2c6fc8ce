package org.gossipbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.analysis.plot.HtmlReport;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.RunSummary;
import org.gossipbench.results.RunSummarySchema;
import org.gossipbench.results.TrainingStep;
import org.gossipbench.results.TrainingStepSchema;
import org.junit.jupiter.api.Test;

/**
 * The report's scale goal (issue 13), tables, plots and page: 1,000 runs with 10 million
 * training-step rows in all, reported in under 60 s and 2 GiB of heap on the 2-core machine. A
 * benchmark, not a timed test: it runs only with {@code -Dgossipbench.scale=true} (the data set,
 * 1.6 GB of Arrow files, is generated once under {@code target/scale-results} and reused), prints
 * the wall time and the peak heap, and asserts only that every run was read. Run it under the heap
 * limit with
 *
 * <pre>
 *   mvn -B verify -pl analysis -am -Dtest=ReportScaleTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgossipbench.scale=true -Dsurefire.argLine="--add-opens=java.base/java.nio=ALL-UNNAMED -Xmx2g"
 * </pre>
 */
class ReportScaleTest {
  static final int RUNS = 1_000;
  static final int STEP_ROWS_PER_RUN = 10_000;
  static final List<String> ALGORITHMS = List.of("psgd", "dsgd", "gradient-tracking", "detag");
  static final List<String> TOPOLOGIES = List.of("ring", "one-peer-exp", "exp", "torus");
  static final List<String> PARTITIONS = List.of("iid", "sorted", "dirichlet:alpha=0.1");
  static final int[] NODES = {4, 8, 16, 32};

  @Test
  void reportsAThousandRunsAndTenMillionStepRows() throws IOException {
    assumeTrue(
        Boolean.getBoolean("gossipbench.scale"),
        "the scale benchmark runs only with -Dgossipbench.scale=true (1.6 GB of generated runs)");
    Path dir = Path.of("target", "scale-results");
    Path done = dir.resolve("complete");
    if (!Files.exists(done)) {
      long t0 = System.nanoTime();
      generate(dir);
      Files.writeString(done, "");
      System.out.printf(
          "scale: generated %d runs, %d step rows in %.1f s (elapsed here)%n",
          RUNS, (long) RUNS * STEP_ROWS_PER_RUN, (System.nanoTime() - t0) / 1e9);
    }
    System.gc();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long t0 = System.nanoTime();
    ResultsScan scan = ResultsScan.of(List.of(dir));
    Report report = Report.of(scan);
    report.write(Path.of("target", "scale-report"));
    // what gossipbench report writes besides: every plot as PNG and the HTML page
    HtmlReport.of(report, scan).write(Path.of("target", "scale-report"));
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.out.printf(
        "scale: report over %d files in %.1f s elapsed here, heap pools' summed peaks %.0f MiB"
            + " (an upper bound: pools peak at different times; -Xmx %.0f MiB),"
            + " load %s%n",
        scan.fileCount(),
        seconds,
        peak / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        Provenance.readLoadAverage());
    assertEquals(2 * RUNS, scan.fileCount(), "every step file and summary read");
    assertFalse(report.tables().isEmpty());
  }

  /** Plausible runs: every configuration drawn from a fixed seed, accuracy rising to a plateau. */
  static void generate(Path dir) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom random = new SplittableRandom(13);
    try (RootAllocator allocator = new RootAllocator()) {
      for (int run = 0; run < RUNS; run++) {
        String algorithm = ALGORITHMS.get(run % ALGORITHMS.size());
        String topology = algorithm.equals("psgd") ? "allreduce:ring" : TOPOLOGIES.get(run / 4 % 4);
        String partition = PARTITIONS.get(run / 16 % 3);
        int n = NODES[run / 48 % NODES.length];
        long seed = run / 192 + 1;
        String name = "run-" + run;
        int iterations = STEP_ROWS_PER_RUN / n;
        double plateau = 0.9 - 0.1 * random.nextDouble();
        long stepNanos = 2_000_000 + random.nextInt(1_000_000);
        Provenance steps =
            Provenance.capture(TrainingStepSchema.INSTANCE, name, "{}", seed, "scale benchmark");
        try (ResultWriter<TrainingStep> w =
            ResultWriter.create(
                dir.resolve(name + ".arrow"), TrainingStepSchema.INSTANCE, steps, allocator)) {
          for (int k = 0; k < iterations; k++) {
            boolean eval = k % 50 == 49 || k == iterations - 1;
            double accuracy = plateau * (1 - Math.exp(-k / 200.0));
            for (int rank = 0; rank < n; rank++) {
              w.append(
                  new TrainingStep(
                      algorithm,
                      topology,
                      n,
                      rank,
                      k * 4 / iterations,
                      k,
                      (long) (k + 1) * 32 * n,
                      2.3 * Math.exp(-k / 300.0) + 0.01 * random.nextDouble(),
                      eval ? accuracy : null,
                      eval ? 1e-3 * random.nextDouble() : null,
                      stepNanos,
                      stepNanos / 3,
                      813_000L,
                      0.1,
                      (k + 1) * stepNanos,
                      stepNanos,
                      stepNanos + stepNanos / 3,
                      stepNanos,
                      eval ? 40_000_000L : null,
                      eval ? 0.4 : null));
            }
          }
          w.commit();
        }
        Provenance summary =
            Provenance.capture(RunSummarySchema.INSTANCE, name, "{}", seed, "scale benchmark");
        try (ResultWriter<RunSummary> w =
            ResultWriter.create(
                dir.resolve(name + "-summary.arrow"),
                RunSummarySchema.INSTANCE,
                summary,
                allocator)) {
          boolean reached = plateau > 0.85;
          w.append(
              new RunSummary(
                  algorithm,
                  topology,
                  n,
                  seed,
                  "top1_accuracy",
                  0.85,
                  reached,
                  reached ? 600L * stepNanos : null,
                  reached ? 600L : null,
                  plateau,
                  0.3,
                  iterations,
                  4,
                  iterations * stepNanos,
                  "fashion-mnist-mlp",
                  partition,
                  "local",
                  32,
                  0.1,
                  "max-epochs",
                  reached ? 600L * stepNanos : null,
                  reached ? 500L * stepNanos : null,
                  40_000_000L,
                  32.0 * n * 1e9 / stepNanos,
                  1e-3));
          w.commit();
        }
      }
    }
  }
}
