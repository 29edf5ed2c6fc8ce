package org.gossipbench.bench.jmh.gpu;

import java.util.concurrent.TimeUnit;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.ReduceOp;
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
 * The allreduce of {@code AllreduceBenchmark} (average of {@link #bytes} of float32) over a device
 * transport, on device memory: {@code nccl} ({@code ncclAllReduce}) and {@code nccl-ring} (our ring
 * over {@code ncclSend}/{@code ncclRecv}). Compiled only under {@code -Pgpu} (bench-jmh's pom), so
 * the default suite's list has no benchmark that needs a GPU. One rank per fork ({@link DeviceRank}
 * says why): the score is the device's time per collective, launch and stream wait included.
 * Without a GPU, {@link #setUp} fails with the probe's one line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class NcclAllreduceBenchmark {
  /** A parameter, so the results carry it and {@code -p transport=...} names it. */
  @Param({"nccl"})
  public String transport;

  @Param({"nccl", "nccl-ring"})
  public String algorithm;

  // No `ranks` parameter: the suite's -p ranks=2,4,8,16 would otherwise apply here, and a fork
  // holds one rank. JmhResults reads a missing ranks as 1.
  @Param({"4096", "1048576", "16777216", "102000000", "104857600"})
  public long bytes;

  private DeviceRank rank;

  @Setup(Level.Trial)
  public void setUp() {
    rank =
        DeviceRank.join(
            transport,
            "allreduce",
            algorithm,
            bytes,
            CollectiveOptions.defaults().withReduceOp(ReduceOp.AVG));
  }

  @Benchmark
  public long allreduce() {
    return rank.run();
  }

  /** Correctness travels with performance: a run on fresh inputs must give the exact result. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (rank == null) {
      return; // setUp refused; its exception is the report
    }
    try {
      rank.check();
    } finally {
      rank.close();
    }
  }
}
