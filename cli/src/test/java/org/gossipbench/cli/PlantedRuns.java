package org.gossipbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.CollectiveMeasurement;
import org.gossipbench.results.CollectiveSchema;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.RecordSchema;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.RunSummary;
import org.gossipbench.results.RunSummarySchema;

/**
 * Real runs for the compare and dashboard tests, made once per JVM by the real {@code collectives}
 * and {@code train} commands: eight repeats of one collective sweep (in-process ring allreduce, n =
 * 2, 1 and 2 MiB; smaller messages on two shared cores time the scheduler more than the collective)
 * and ten of one training run (synthetic logistic regression, DSGD on a ring, n = 4, the same seed,
 * so its accuracy is the same in every repeat and only its timings vary). A first sweep and a first
 * training run warm the JIT and are not kept. The planting is in the data: the provenance of each
 * file is rewritten through results' writer: every run becomes a run of commit {@link #A1}, and
 * again of commit {@link #A2} with its times scaled by a seeded factor within ±3 % (an honest
 * rerun: the same run-to-run noise, a shift under the 5 % floor, so the test cannot flake on a
 * loaded machine, as splitting the runs into two commits did), and copies of A2's runs become
 * commit {@link #B}, started an hour later, with every collective time doubled (algbw and busbw
 * halved) and every training run's best accuracy 0.02 lower (2 points).
 */
final class PlantedRuns {
  static final String A1 = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";
  static final String A2 = "a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2";
  static final String B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  static final int SWEEPS = 8;
  static final int TRAININGS = 4;

  private static Path root;

  private PlantedRuns() {}

  /** The folder holding the rewritten files (raw runs are elsewhere); made on first use. */
  static synchronized Path root() throws IOException {
    if (root == null) {
      Path dir = Files.createTempDirectory("gossipbench-planted");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      root = make(dir);
    }
    return root;
  }

  private static Path make(Path dir) throws IOException {
    Path raw = dir.resolve("raw");
    Path planted = dir.resolve("planted");
    // The first sweep and training run in a JVM run before the JIT has compiled them: not repeats.
    sweep(raw, "warm-up-sweep");
    train(raw, "warm-up-train");
    for (int i = 0; i < SWEEPS; i++) {
      sweep(raw, "c" + i);
    }
    for (int i = 0; i < TRAININGS; i++) {
      train(raw, "t" + i);
    }
    try (RootAllocator allocator = new RootAllocator()) {
      for (int i = 0; i < SWEEPS; i++) {
        plant(
            raw.resolve("c" + i + ".arrow"),
            planted,
            CollectiveSchema.INSTANCE,
            i,
            PlantedRuns::scaled,
            allocator);
      }
      for (int i = 0; i < TRAININGS; i++) {
        plant(
            raw.resolve("t" + i + "-summary.arrow"),
            planted,
            RunSummarySchema.INSTANCE,
            i,
            PlantedRuns::scaled,
            allocator);
      }
    }
    return planted;
  }

  /** Changes a row's times by a factor and its accuracy by some points. */
  interface Scaling<R> {
    R apply(R row, double timeFactor, double accuracyPoints);
  }

  /** Run i as a run of A1, as an honest rerun in A2 (±3 %), and as a regressed run of B. */
  private static <R> void plant(
      Path run,
      Path planted,
      RecordSchema<R> schema,
      int i,
      Scaling<R> scaling,
      RootAllocator allocator) {
    String name = run.getFileName().toString();
    double rerun = 1 + 0.03 * (2 * new SplittableRandom(i).nextDouble() - 1);
    copy(run, planted.resolve("a1-" + name), schema, A1, 0, r -> r, allocator);
    copy(
        run,
        planted.resolve("a2-" + name),
        schema,
        A2,
        60,
        r -> scaling.apply(r, rerun, 0),
        allocator);
    copy(
        run,
        planted.resolve("b-" + name),
        schema,
        B,
        3600,
        r -> scaling.apply(r, 2 * rerun, -2),
        allocator);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is harmless; the JVM is exiting.
    }
  }

  private static void sweep(Path raw, String name) {
    run(
        "collectives",
        "--op",
        "allreduce",
        "--algorithm",
        "ring",
        "--topology",
        "ring",
        "-np",
        "2",
        "-b",
        "1M",
        "-e",
        "2M",
        "-f",
        "2",
        "-n",
        "30",
        "-w",
        "10",
        "--out",
        raw.resolve(name + ".arrow").toString(),
        "--results-dir",
        raw.toString());
  }

  private static void train(Path raw, String name) {
    run(
        "train",
        "--progress",
        "none",
        "--workload",
        "synthetic-logreg",
        "--algorithm",
        "dsgd",
        "--topology",
        "ring",
        "-n",
        "4",
        "--max-epochs",
        "2",
        "--eval-every",
        "0.5ep",
        "--target-accuracy",
        "0.75",
        "--seed",
        "1",
        "--out",
        raw.resolve(name + ".arrow").toString(),
        "--results-dir",
        raw.toString());
  }

  private static void run(String... args) {
    CliRunner r = CliRunner.run(args);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", args) + ": " + r.err());
    }
  }

  private static CollectiveMeasurement scaled(
      CollectiveMeasurement m, double timeFactor, double accuracyPoints) {
    return new CollectiveMeasurement(
        m.op(),
        m.algorithm(),
        m.transport(),
        m.topology(),
        m.n(),
        m.ranks(),
        m.rank(),
        m.bytes(),
        m.count(),
        m.dtype(),
        m.iteration(),
        Math.round(timeFactor * m.timeNanos()),
        m.algbwGBps() / timeFactor,
        m.busbwGBps() / timeFactor,
        m.bytesSent(),
        m.bytesReceived(),
        m.wrong());
  }

  private static RunSummary scaled(RunSummary s, double timeFactor, double accuracyPoints) {
    return new RunSummary(
        s.algorithm(),
        s.topology(),
        s.n(),
        s.seed(),
        s.metric(),
        s.target(),
        s.reached(),
        times(s.timeToTargetNanos(), timeFactor),
        s.iterationsToTarget(),
        s.bestMetric() + accuracyPoints / 100,
        s.finalLoss(),
        s.iterations(),
        s.epochs(),
        s.wallNanos(),
        s.workload(),
        s.partition(),
        s.transport(),
        s.batchSize(),
        s.learningRate(),
        s.stopReason(),
        times(s.criticalPathToTargetNanos(), timeFactor),
        times(s.projectedToTargetNanos(), timeFactor),
        s.evalNanos(),
        s.samplesPerSecond() == null ? null : s.samplesPerSecond() / timeFactor,
        s.finalConsensusDistance());
  }

  private static Long times(Long nanos, double factor) {
    return nanos == null ? null : Math.round(factor * nanos);
  }

  private static <R> void copy(
      Path from,
      Path to,
      RecordSchema<R> schema,
      String commit,
      long laterSeconds,
      UnaryOperator<R> change,
      RootAllocator allocator) {
    List<R> rows;
    Provenance p;
    try (ResultFile f = ResultFile.open(from, allocator)) {
      rows = f.readAll(schema);
      p = f.provenance();
    }
    Provenance q =
        new Provenance(
            p.schemaVersion(),
            p.kind(),
            p.runId() + "-" + commit.charAt(1),
            commit,
            "false",
            p.host(),
            p.cpuModel(),
            p.cpuCores(),
            p.os(),
            p.jvmVendor(),
            p.jvmVersion(),
            p.jvmArguments(),
            p.configJson(),
            p.seed(),
            p.startTime().plus(Duration.ofSeconds(laterSeconds)),
            p.commandLine(),
            p.loadAverage());
    try (ResultWriter<R> w = ResultWriter.create(to, schema, q, allocator)) {
      rows.forEach(r -> w.append(change.apply(r)));
      w.commit();
    }
  }
}
