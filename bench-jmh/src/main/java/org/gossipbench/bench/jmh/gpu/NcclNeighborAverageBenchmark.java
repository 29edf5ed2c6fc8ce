package org.gossipbench.bench.jmh.gpu;

import java.util.concurrent.TimeUnit;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.topology.TopologyRegistry;
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
 * The neighbor average of {@code NeighborAverageBenchmark} over a device transport, on device
 * memory: {@code neighbor-average/nccl} (one NCCL group of sends and receives, the weighted sum by
 * cuBLAS). Compiled only under {@code -Pgpu}; one rank per fork ({@link DeviceRank}), so the graph
 * is the rank alone whatever {@link #topology} names, and the score is what one group and the
 * device arithmetic cost. Without a GPU, {@link #setUp} fails with the probe's one line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx8g"})
public class NcclNeighborAverageBenchmark {
  @Param({"nccl"})
  public String transport;

  // Named as the CPU benchmark's, so the results converter finds the graph; neighbor-average/nccl
  // plans static and periodic topologies only.
  @Param({"one-peer-exp"})
  public String topology;

  @Param({"4096", "1048576", "16777216", "102000000", "104857600"})
  public long bytes;

  private DeviceRank rank;

  @Setup(Level.Trial)
  public void setUp() {
    // One rank: the topology is built for the job's size, which is 1 (DeviceRank says why).
    rank =
        DeviceRank.join(
            transport,
            "neighbor-average",
            "nccl",
            bytes,
            CollectiveOptions.defaults().withTopology(TopologyRegistry.create(topology, 1)));
  }

  @Benchmark
  public long neighborAverage() {
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
