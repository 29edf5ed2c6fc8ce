package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.RecordSchema;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.RunSummary;
import org.gossipbench.results.RunSummarySchema;
import org.gossipbench.results.TrainingStep;
import org.gossipbench.results.TrainingStepSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCompareCommandTest {
  private static final Path FIXTURES = Path.of("../results/src/test/resources/fixtures");
  private static final int ROWS = 40;

  @TempDir Path dir;

  @Test
  void shouldReportIdenticalFilesWithExitCodeZero() {
    Path a = steps("a", ResultsCompareCommandTest::step);
    Path b = steps("b", ResultsCompareCommandTest::step);

    CliRunner r = CliRunner.run("results", "compare", a.toString(), b.toString());

    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertEquals(
        "identical: 40 rows, 13 columns compared (7 timing columns ignored)\n", r.out(), r.err());
  }

  @Test
  void shouldNameTheRowAndColumnOfAChangedValueWithExitCodeOne() {
    Path a = steps("a", ResultsCompareCommandTest::step);
    Path b =
        steps(
            "b",
            i -> {
              TrainingStep s = step(i);
              return i == 17 || i == 30 ? withTrainLoss(s, Math.nextUp(s.trainLoss())) : s;
            });

    CliRunner r = CliRunner.run("results", "compare", a.toString(), b.toString());

    assertEquals(1, r.exitCode(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(
        "row 17, column train_loss: "
            + Formats.roundTrip(step(17).trainLoss())
            + " vs "
            + Formats.roundTrip(Math.nextUp(step(17).trainLoss())),
        lines.get(0));
    assertEquals("2 of 40 rows differ, in 1 columns: train_loss", lines.get(1));
  }

  @Test
  void shouldTellNanFromNullAndMatchNanWithNan() {
    Path a = steps("a", i -> withEvalMetric(step(i), i == 5 ? Double.NaN : null));
    Path same = steps("same", i -> withEvalMetric(step(i), i == 5 ? Double.NaN : null));
    Path other = steps("other", i -> withEvalMetric(step(i), null));

    assertEquals(0, CliRunner.run("results", "compare", a.toString(), same.toString()).exitCode());
    CliRunner r = CliRunner.run("results", "compare", a.toString(), other.toString());
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.out().startsWith("row 5, column eval_metric: NaN vs null\n"), r.out());
  }

  @Test
  void shouldIgnoreChangedTimingsUnlessAskedToCompareThem() {
    Path a = steps("a", ResultsCompareCommandTest::step);
    Path b = steps("b", i -> withTimings(step(i), 7));

    assertEquals(0, CliRunner.run("results", "compare", a.toString(), b.toString()).exitCode());
    CliRunner timed =
        CliRunner.run("results", "compare", a.toString(), b.toString(), "--include-timing");
    assertEquals(1, timed.exitCode(), timed.out());
    assertTrue(timed.out().startsWith("row 0, column compute_ns: 1000 vs 1007\n"), timed.out());
  }

  @Test
  void shouldReportDifferentRowCountsWithExitCodeOne() {
    Path a = steps("a", ResultsCompareCommandTest::step);
    Path b = steps("b", ResultsCompareCommandTest::step, ROWS - 3);

    CliRunner r = CliRunner.run("results", "compare", a.toString(), b.toString());

    assertEquals(1, r.exitCode(), r.out());
    assertEquals("row counts differ: 40 vs 37\n", r.out());
  }

  @Test
  void shouldSkipIgnoredColumnsAndRejectUnknownOnes() {
    Path a = summary("a", "local");
    Path b = summary("b", "tcp");

    CliRunner plain = CliRunner.run("results", "compare", a.toString(), b.toString());
    assertEquals(1, plain.exitCode(), plain.out());
    assertTrue(plain.out().startsWith("row 0, column transport: local vs tcp\n"), plain.out());
    CliRunner ignoring =
        CliRunner.run("results", "compare", a.toString(), b.toString(), "--ignore", "transport");
    assertEquals(0, ignoring.exitCode(), ignoring.out());
    assertTrue(ignoring.out().endsWith("timing columns ignored; --ignore transport)\n"));
    CliRunner unknown =
        CliRunner.run("results", "compare", a.toString(), b.toString(), "--ignore", "nope");
    assertEquals(2, unknown.exitCode(), unknown.err());
    assertTrue(unknown.err().startsWith("gossipbench: error: --ignore nope: no such column"));
  }

  @Test
  void shouldCompareTheColumnsBothSchemaVersionsHave() {
    CliRunner r =
        CliRunner.run(
            "results",
            "compare",
            FIXTURES.resolve("v1/training-step.arrow").toString(),
            FIXTURES.resolve("v2/training-step.arrow").toString());

    assertEquals(0, r.exitCode(), r.out() + r.err());
    assertEquals(
        "note: A is training-step v1, B v2: comparing the 15 columns both have\n"
            + "identical: 25 rows, 12 columns compared (3 timing columns ignored)\n",
        r.out());
  }

  @Test
  void shouldRejectFilesOfDifferentKindsOrUnreadableOnesWithExitCodeTwo() {
    Path a = steps("a", ResultsCompareCommandTest::step);
    Path s = summary("s", "local");

    CliRunner kinds = CliRunner.run("results", "compare", a.toString(), s.toString());
    assertEquals(2, kinds.exitCode(), kinds.out() + kinds.err());
    assertEquals("", kinds.out());
    assertEquals(1, kinds.err().lines().count(), kinds.err());
    assertTrue(kinds.err().contains("training-step records"), kinds.err());
    assertTrue(kinds.err().contains("only files of one kind compare"), kinds.err());

    CliRunner missing =
        CliRunner.run("results", "compare", a.toString(), dir.resolve("nope.arrow").toString());
    assertEquals(2, missing.exitCode(), missing.err());
    assertEquals(1, missing.err().lines().count(), missing.err());
  }

  private Path steps(String name, LongFunction<TrainingStep> row) {
    return steps(name, row, ROWS);
  }

  private Path steps(String name, LongFunction<TrainingStep> row, int rows) {
    Path file = dir.resolve(name + ".arrow");
    // Small batches, so that a comparison crosses batch boundaries.
    try (RootAllocator allocator = new RootAllocator();
        ResultWriter<TrainingStep> w =
            ResultWriter.create(
                file,
                TrainingStepSchema.INSTANCE,
                provenance(TrainingStepSchema.INSTANCE, name),
                allocator,
                name.equals("b") ? 7 : 16)) {
      for (long i = 0; i < rows; i++) {
        w.append(row.apply(i));
      }
      w.commit();
    }
    return file;
  }

  private Path summary(String name, String transport) {
    Path file = dir.resolve(name + ".arrow");
    try (RootAllocator allocator = new RootAllocator();
        ResultWriter<RunSummary> w =
            ResultWriter.create(
                file,
                RunSummarySchema.INSTANCE,
                provenance(RunSummarySchema.INSTANCE, name),
                allocator)) {
      w.append(
          new RunSummary(
              "dsgd",
              "one-peer-exp",
              4,
              3L,
              "accuracy",
              Double.NaN,
              false,
              null,
              null,
              0.81,
              0.52,
              30,
              0,
              123_456_789L,
              "mnist-mlp",
              "iid",
              transport,
              16,
              0.1,
              "max-steps",
              null,
              null,
              5_000L,
              1234.5,
              0.01));
      w.commit();
    }
    return file;
  }

  private static Provenance provenance(RecordSchema<?> schema, String name) {
    // Run ids, hosts and start times differ between runs; compare must not look at them.
    return new Provenance(
        schema.version(),
        schema.kind(),
        "20261202T000000Z-" + name,
        "0123456789abcdef0123456789abcdef01234567",
        "false",
        "host-" + name,
        "Test CPU",
        2,
        "Linux",
        "Test Vendor",
        "17",
        "",
        "{}",
        3L,
        Instant.parse("2026-12-02T00:00:00Z").plusSeconds(name.length()),
        "gossipbench train",
        "0.00 0.00 0.00");
  }

  private static TrainingStep step(long i) {
    return new TrainingStep(
        "dsgd",
        "one-peer-exp",
        4,
        (int) (i % 4),
        0,
        i / 4,
        16 * (i / 4 + 1),
        2.5 / (1 + i),
        i % 10 == 0 ? 0.5 + i * 1e-3 : null,
        i % 10 == 0 ? 1.0 / (1 + i) : null,
        1000 + i,
        500 + i,
        4096,
        0.1,
        1_000_000L * i,
        900 + i,
        1400 + i,
        1300 + i,
        i % 10 == 0 ? 77_000 + i : null,
        i % 10 == 0 ? 0.25 + i * 1e-3 : null);
  }

  private static TrainingStep withTrainLoss(TrainingStep s, double loss) {
    return new TrainingStep(
        s.algorithm(),
        s.topology(),
        s.n(),
        s.rank(),
        s.epoch(),
        s.iteration(),
        s.samplesSeen(),
        loss,
        s.evalMetric(),
        s.consensusDistance(),
        s.computeNanos(),
        s.communicationNanos(),
        s.bytesCommunicated(),
        s.learningRate(),
        s.elapsedNanos(),
        s.computeCpuNanos(),
        s.criticalPathNanos(),
        s.projectedNanos(),
        s.evalNanos(),
        s.evalLoss());
  }

  private static TrainingStep withEvalMetric(TrainingStep s, Double metric) {
    return new TrainingStep(
        s.algorithm(),
        s.topology(),
        s.n(),
        s.rank(),
        s.epoch(),
        s.iteration(),
        s.samplesSeen(),
        s.trainLoss(),
        metric,
        s.consensusDistance(),
        s.computeNanos(),
        s.communicationNanos(),
        s.bytesCommunicated(),
        s.learningRate(),
        s.elapsedNanos(),
        s.computeCpuNanos(),
        s.criticalPathNanos(),
        s.projectedNanos(),
        s.evalNanos(),
        s.evalLoss());
  }

  private static TrainingStep withTimings(TrainingStep s, long shift) {
    return new TrainingStep(
        s.algorithm(),
        s.topology(),
        s.n(),
        s.rank(),
        s.epoch(),
        s.iteration(),
        s.samplesSeen(),
        s.trainLoss(),
        s.evalMetric(),
        s.consensusDistance(),
        s.computeNanos() + shift,
        s.communicationNanos() + shift,
        s.bytesCommunicated(),
        s.learningRate(),
        s.elapsedNanos() + shift,
        s.computeCpuNanos() + shift,
        s.criticalPathNanos() + shift,
        s.projectedNanos() + shift,
        s.evalNanos() == null ? null : s.evalNanos() + shift,
        s.evalLoss());
  }
}
