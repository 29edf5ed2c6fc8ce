package org.gossipbench.bench.jmh.gpu;

import java.time.Duration;
import java.util.Map;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DeviceBuffer;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.CollectiveOp;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.DeviceCommunicator;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.TransportConfig;

/**
 * One rank of a device transport ({@code nccl}) for JMH: this fork's process joins alone, its
 * buffer lives on the device ({@code --memory device}), and one {@link #run()} is one collective,
 * returned once the stream has drained. Written against the core interfaces only, the transport
 * found through ServiceLoader as the CLI finds it, so that a machine without a GPU refuses at
 * {@link #join} with the provider's one line ({@code --transport nccl: <the probe's reason>}) and
 * loads no native code that could take the JVM down.
 *
 * <p>Why one rank: a JMH fork is one process, and the nccl transport runs one rank per process and
 * GPU (NCCL refuses two ranks of one communicator on one GPU, and several in-process ranks would
 * need one CUDA context each); more GPUs are measured by {@code gossipbench launch -np N --
 * collectives --transport nccl}, whose ranks run the same iterations in lockstep, which JMH's
 * time-bounded iterations cannot promise across processes.
 */
final class DeviceRank implements AutoCloseable {
  /** Kept from the environment: which GPU this process uses (see NcclCommunicator). */
  private static final String DEVICE_VARIABLE = "GOSSIPBENCH_CUDA_DEVICE";

  private final Job job;
  private final DeviceBuffer buffer;
  private final Collective collective;
  private final CollectiveOptions options;
  private final CollectiveOp op;
  private final int count;
  private long iteration;

  private DeviceRank(
      Job job, DeviceBuffer buffer, Collective collective, CollectiveOptions options, String op) {
    this.job = job;
    this.buffer = buffer;
    this.collective = collective;
    this.options = options;
    this.op = CollectiveRegistry.op(op);
    this.count = buffer.length();
  }

  /**
   * Joins {@code transport} as a job of one rank and builds {@code op/algorithm} on {@code bytes}
   * of float32 in device memory.
   *
   * @throws IllegalArgumentException on one line when this machine cannot run the transport (the
   *     provider's message, e.g. the NCCL probe's reason) or the transport has no device memory
   */
  static DeviceRank join(
      String transport, String op, String algorithm, long bytes, CollectiveOptions options) {
    int count = Math.toIntExact(bytes / Float.BYTES);
    // Only the device choice passes: a fork started under a launcher (LOCAL_RANK, RANK, ...) must
    // still join alone, since its siblings are not running the same benchmark iterations.
    String device = System.getenv(DEVICE_VARIABLE);
    Job job =
        new TransportConfig()
            .transport(transport)
            .ranks(1)
            .timeout(Duration.ofSeconds(120))
            .environment(device == null ? Map.of() : Map.of(DEVICE_VARIABLE, device))
            .join();
    try {
      Communicator[] joined = new Communicator[1];
      job.run(c -> joined[0] = c); // one rank, run on this thread: the communicator outlives it
      if (!(joined[0] instanceof DeviceCommunicator comm)) {
        throw new IllegalArgumentException(
            "--transport " + transport + " has no device memory (--memory device needs nccl)");
      }
      DeviceBuffer buffer = comm.allocateDevice(DType.FLOAT32, count);
      try {
        Collective c =
            CollectiveRegistry.create(op, algorithm, comm, buffer.host(), count, options);
        if (!c.onDevice()) {
          // Else the benchmark would time host-to-device copies too, and not say so.
          throw new IllegalStateException(op + "/" + algorithm + " does not run on device memory");
        }
        DeviceRank rank = new DeviceRank(job, buffer, c, options, op);
        rank.fill(); // real inputs from the start: zeros could flatter the arithmetic
        return rank;
      } catch (RuntimeException | Error e) {
        buffer.close();
        throw e;
      }
    } catch (RuntimeException | Error e) {
      job.close();
      throw e;
    }
  }

  /** Ranks in the job: 1 (see the class comment). */
  int size() {
    return job.size();
  }

  /** One collective; returns its iteration number, which periodic topologies step through. */
  long run() {
    long k = iteration++;
    collective.run(k);
    return k;
  }

  /**
   * Fresh known inputs, one more iteration and the exact check on the downloaded result; throws if
   * any element differs (the suite's #wrong, which must be 0), as the CPU benchmarks do.
   */
  void check() {
    fill();
    long k = run();
    buffer.download();
    long wrong = op.wrong(buffer.host(), 0, job.size(), count, options, k);
    if (wrong != 0) {
      throw new IllegalStateException(
          op.name() + "/" + collective.algorithm() + ": " + wrong + " wrong elements");
    }
  }

  private void fill() {
    op.fill(buffer.host(), 0, count);
    buffer.upload();
  }

  @Override
  public void close() {
    try {
      buffer.close();
    } finally {
      job.close();
    }
  }
}
