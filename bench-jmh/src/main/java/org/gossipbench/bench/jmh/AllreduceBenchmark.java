package org.gossipbench.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
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
 * Global averaging: one allreduce (average) of {@link #bytes} of float32 per rank over {@link
 * #ranks} in-process ranks, per algorithm. 102000000 bytes is ResNet-50's gradient (25.5 M floats).
 * Score: time per collective (all ranks done).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class AllreduceBenchmark {
  @Param({"ring", "halving-doubling", "parameter-server"})
  public String algorithm;

  @Param({"2", "4", "8", "16"})
  public int ranks;

  @Param({"4096", "1048576", "16777216", "102000000", "104857600"})
  public long bytes;

  private RankPool pool;
  private Buf[] data;

  @Setup(Level.Trial)
  public void setUp() {
    int count = (int) (bytes / Float.BYTES);
    CollectiveOptions options = CollectiveOptions.defaults().withReduceOp(ReduceOp.AVG);
    data = new Buf[ranks];
    pool =
        new RankPool(
            ranks,
            (comm, rank) ->
                CollectiveRegistry.create(
                    "allreduce",
                    algorithm,
                    comm,
                    data[rank] = Buf.allocate(DType.FLOAT32, count),
                    count,
                    options));
  }

  @Benchmark
  public long allreduce() {
    return pool.run();
  }

  /** Correctness travels with performance: a run on fresh inputs must give the exact result. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      pool.check(data, "allreduce", ReduceOp.AVG, null);
    } finally {
      pool.close();
    }
  }
}
