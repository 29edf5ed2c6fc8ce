package org.gossipbench.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.ResultsLayout;
import org.gossipbench.results.TrainingStep;
import org.gossipbench.results.TrainingStepSchema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The results store's throughput goal: writing 1,000,000 training-step rows must take under 2 s and
 * under 256 MiB of heap. One operation writes {@link #rows} rows through a fresh {@link
 * ResultWriter} into a new Arrow file and commits it (last batch, footer, fsync, atomic rename), as
 * a run does; the score is seconds per operation.
 *
 * <p>The heap bound is enforced by the fork itself ({@code -Xmx256m -Xms256m}): an {@code
 * OutOfMemoryError} fails the run. Arrow's buffers are off-heap; their peak and the file size are
 * printed at the end of each trial.
 *
 * <p>The rows come from a pre-built array shaped like one rank's run (constant algorithm, topology,
 * n and rank; the evaluation metric every 100 steps and the consensus distance every 10, null
 * otherwise), so row construction is not what is measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m", "-Xms256m"})
public class ResultWriterBenchmark {
  /** Distinct pre-built rows, cycled; a power of two. */
  private static final int DISTINCT_ROWS = 4096;

  @Param("1000000")
  public long rows;

  private BufferAllocator allocator;
  private Path directory;
  private Provenance provenance;
  private TrainingStep[] sample;
  private Path target;
  private long files;
  private long fileBytes;

  @Setup(Level.Trial)
  public void setUpTrial() throws IOException {
    allocator = new RootAllocator();
    directory = Files.createTempDirectory("gossipbench-resultwriter-");
    TrainingStepSchema schema = TrainingStepSchema.INSTANCE;
    provenance =
        Provenance.capture(
            schema,
            ResultsLayout.newRunId(schema.kind(), Instant.now()),
            "{\"benchmark\":\"ResultWriterBenchmark\",\"rows\":" + rows + "}",
            42L,
            "jmh " + ResultWriterBenchmark.class.getName());
    sample = new TrainingStep[DISTINCT_ROWS];
    for (int i = 0; i < DISTINCT_ROWS; i++) {
      sample[i] = step(i);
    }
  }

  /** Step {@code i} of rank 3 of an 8-node D-SGD run on a ring, batch 32. */
  private static TrainingStep step(long i) {
    return TrainingStep.v1(
        "dsgd",
        "ring",
        8,
        3,
        (int) (i / 1875),
        i,
        32 * (i + 1),
        2.3 * Math.exp(-i / 2000.0) + 0.01 * Math.sin(i),
        i % 100 == 0 ? 0.1 + 0.8 * (1 - Math.exp(-i / 3000.0)) : null,
        i % 10 == 0 ? 1.0 / (1 + i) : null,
        180_000 + (i * 7919) % 20_000,
        40_000 + (i * 104_729) % 15_000,
        2 * 431_080 * 4,
        0.1 * Math.pow(0.5, i / 1000),
        250_000L * (i + 1));
  }

  @Setup(Level.Invocation)
  public void newTarget() {
    target = directory.resolve("steps-" + (files++) + ResultsLayout.EXTENSION);
  }

  @Benchmark
  public long write() {
    TrainingStep[] rowsToWrite = sample;
    try (ResultWriter<TrainingStep> writer =
        ResultWriter.create(target, TrainingStepSchema.INSTANCE, provenance, allocator)) {
      for (long i = 0; i < rows; i++) {
        writer.append(rowsToWrite[(int) i & (DISTINCT_ROWS - 1)]);
      }
      writer.commit();
      return writer.rows();
    }
  }

  @TearDown(Level.Invocation)
  public void deleteTarget() throws IOException {
    if (Files.exists(target)) { // absent when the invocation failed
      fileBytes = Files.size(target);
      Files.delete(target);
    }
  }

  @TearDown(Level.Trial)
  public void tearDownTrial() throws IOException {
    System.out.printf(
        "%nrows=%d: file %.1f MiB, Arrow off-heap peak %.1f MiB%n",
        rows, fileBytes / 1048576.0, allocator.getPeakMemoryAllocation() / 1048576.0);
    allocator.close();
    try (Stream<Path> left = Files.walk(directory)) {
      for (Path p : left.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
