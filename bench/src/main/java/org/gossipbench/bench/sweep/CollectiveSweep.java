package org.gossipbench.bench.sweep;

import java.util.Arrays;
import java.util.function.Consumer;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DeviceBuffer;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.CollectiveOp;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.DeviceCommunicator;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.Request;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.TopologySpec;
import org.gossipbench.results.CollectiveMeasurement;

/**
 * The one driver that owns the measurement loop for every collective (like nccl-tests' common.cu):
 * for each size, every rank plans the collective, runs the warm-up iterations, then the timed ones,
 * each preceded by a barrier and timed on the rank; the per-iteration time is the slowest rank's.
 * With checking on, one more run on fresh inputs counts wrong elements. Under {@code --memory
 * device} the inputs are written to the host mirror and uploaded before the warm-up and the check,
 * and the check's result downloaded, all outside the timed loop. Times, byte counters and wrong
 * counts reach rank 0 through the communicator itself, so the driver runs unchanged on any
 * transport.
 */
public final class CollectiveSweep {
  private static final int GATHER_TAG = 0x7E00_0000;

  // Per-rank report layout after the timed iterations' nanoseconds: these offsets.
  private static final int SENT = 0;
  private static final int RECEIVED = 1;
  private static final int WRONG = 2;
  private static final int BUS_FACTOR = 3;
  private static final int EXTRA = 4;

  private CollectiveSweep() {}

  /** What a sweep measured besides the rows. */
  public record Summary(double copyBytesPerSecond, int copyThreads, double averageBusbwGBps) {}

  /**
   * Runs the sweep on every rank of {@code job} that this process hosts (all of them in-process,
   * one when ranks are processes). Rows and measurements reach only rank 0, which calls {@code
   * onRow} for each size in order and {@code onMeasurement} with every rank's every timed
   * iteration. The memory copy rate behind the floor column is measured first, with as many threads
   * as this process hosts ranks (at most one per core): the other ranks' processes are busy
   * joining.
   */
  public static Summary run(
      SweepConfig cfg,
      Job job,
      Consumer<SweepRow> onRow,
      Consumer<CollectiveMeasurement> onMeasurement) {
    if (job.size() != cfg.ranks()) {
      throw new IllegalArgumentException(
          "-np " + cfg.ranks() + " does not match the job's " + job.size() + " ranks");
    }
    int copyThreads = Math.min(job.localRanks(), Runtime.getRuntime().availableProcessors());
    double copyRate =
        job.hostsRankZero() ? MemoryBandwidth.copyBytesPerSecond(copyThreads, 64 << 20, 3) : 0;
    Topology topology =
        cfg.entry().needsTopology()
            ? TopologyRegistry.create(TopologySpec.parse(cfg.topology()), cfg.ranks(), cfg.seed())
            : null;
    double[] busbwSum = new double[2];
    job.run(
        comm -> {
          for (long bytes : cfg.sizes()) {
            SweepRow row = measure(cfg, comm, topology, bytes, copyRate, onMeasurement);
            if (comm.rank() == 0) {
              busbwSum[0] += row.busbwGBps();
              busbwSum[1]++;
              onRow.accept(row);
            }
          }
        });
    return new Summary(copyRate, copyThreads, busbwSum[1] == 0 ? 0 : busbwSum[0] / busbwSum[1]);
  }

  /**
   * One size on this rank: plan, warm up, time, check, then gather the reports; rank 0 returns the
   * row and hands every rank's iterations to {@code onMeasurement}, the others return null.
   */
  private static SweepRow measure(
      SweepConfig cfg,
      Communicator comm,
      Topology topology,
      long bytes,
      double copyRate,
      Consumer<CollectiveMeasurement> onMeasurement) {
    int count = cfg.count(bytes);
    CollectiveOp op = cfg.entry().operation();
    CollectiveOptions options =
        CollectiveOptions.defaults()
            .withReduceOp(cfg.reduceOp())
            .withSegmentElements(cfg.segmentElements())
            .withTopology(topology)
            .withRoot(0);
    int length = op.bufferLength(count, comm.size());
    DeviceBuffer device = cfg.device() ? deviceBuffer(comm, cfg, length) : null;
    double[] report = new double[cfg.iterations() + EXTRA];
    try {
      Buf data =
          device != null
              ? device.host()
              : cfg.direct()
                  ? Buf.allocateDirect(cfg.dtype(), length)
                  : Buf.allocate(cfg.dtype(), length);
      Collective c =
          CollectiveRegistry.create(cfg.op(), cfg.algorithm(), comm, data, count, options);
      if (device != null && !c.onDevice()) {
        throw new IllegalArgumentException(
            "--memory device needs an algorithm that runs on the device; "
                + cfg.op()
                + "/"
                + cfg.algorithm()
                + " computes on host memory");
      }
      op.fill(data, comm.rank(), count);
      if (device != null) {
        device.upload();
      }
      long k = warmUp(comm, c, cfg.warmup());
      k = time(comm, c, op, topology, k, report, cfg.iterations());
      report[WRONG + cfg.iterations()] =
          cfg.check() ? wrong(comm, c, op, data, device, count, options, k) : -1;
    } finally {
      if (device != null) {
        device.close();
      }
    }
    double[][] all = gather(comm, report);
    if (all == null) {
      return null;
    }
    emit(cfg, all, bytes, count, onMeasurement);
    return row(cfg, all, bytes, count, copyRate);
  }

  /** Runs the warm-up iterations; returns the next iteration index. */
  private static long warmUp(Communicator comm, Collective c, int warmup) {
    long k = 0;
    for (int w = 0; w < warmup; w++) {
      comm.barrier();
      c.run(k++);
    }
    return k;
  }

  /**
   * Times {@code iterations} runs from iteration {@code k} into {@code report}: nanoseconds per
   * iteration, then the mean bytes sent and received and the mean bus factor. Allocates nothing:
   * this is the loop being measured. Returns the next iteration index.
   */
  private static long time(
      Communicator comm,
      Collective c,
      CollectiveOp op,
      Topology topology,
      long k,
      double[] report,
      int iterations) {
    long sent0 = comm.bytesSent();
    long received0 = comm.bytesReceived();
    double busFactor = 0;
    for (int it = 0; it < iterations; it++) {
      comm.barrier();
      long t0 = System.nanoTime();
      c.run(k);
      report[it] = System.nanoTime() - t0;
      busFactor += op.busBandwidthFactor(comm.size(), comm.rank(), topology, k);
      k++;
    }
    report[iterations + SENT] = (comm.bytesSent() - sent0) / (double) iterations;
    report[iterations + RECEIVED] = (comm.bytesReceived() - received0) / (double) iterations;
    report[iterations + BUS_FACTOR] = busFactor / iterations;
    return k;
  }

  /** One more run, iteration {@code k}, on fresh known inputs: this rank's wrong elements. */
  private static long wrong(
      Communicator comm,
      Collective c,
      CollectiveOp op,
      Buf data,
      DeviceBuffer device,
      int count,
      CollectiveOptions options,
      long k) {
    op.fill(data, comm.rank(), count);
    if (device != null) {
      device.upload();
    }
    comm.barrier();
    c.run(k);
    if (device != null) {
      device.download();
    }
    return op.wrong(data, comm.rank(), comm.size(), count, options, k);
  }

  private static DeviceBuffer deviceBuffer(Communicator comm, SweepConfig cfg, int length) {
    if (comm instanceof DeviceCommunicator d) {
      return d.allocateDevice(cfg.dtype(), length);
    }
    throw new IllegalArgumentException(
        "--memory device needs a transport with device memory (nccl), not " + comm.transport());
  }

  /** Every rank's every timed iteration, as rows of the collective log. */
  private static void emit(
      SweepConfig cfg,
      double[][] all,
      long bytes,
      int count,
      Consumer<CollectiveMeasurement> onMeasurement) {
    int n = all.length;
    int iterations = cfg.iterations();
    for (int r = 0; r < n; r++) {
      double[] report = all[r];
      for (int it = 0; it < iterations; it++) {
        double seconds = report[it] / 1e9;
        double algbw = seconds > 0 ? bytes / seconds / 1e9 : 0;
        onMeasurement.accept(
            new CollectiveMeasurement(
                cfg.op(),
                cfg.algorithm(),
                cfg.transport(),
                cfg.loggedTopology(),
                n,
                n,
                r,
                bytes,
                count,
                cfg.dtype().label(),
                it,
                (long) report[it],
                algbw,
                algbw * report[iterations + BUS_FACTOR],
                (long) report[iterations + SENT],
                (long) report[iterations + RECEIVED],
                (long) report[iterations + WRONG]));
      }
    }
  }

  /**
   * The table row: per iteration the slowest rank's time (the collective ends when its last rank
   * does), summarized; wrong elements summed over ranks; the bus factor averaged over ranks.
   */
  private static SweepRow row(
      SweepConfig cfg, double[][] all, long bytes, int count, double copyRate) {
    int n = all.length;
    int iterations = cfg.iterations();
    double[] slowest = new double[iterations];
    long wrongTotal = cfg.check() ? 0 : -1;
    double meanBusFactor = 0;
    for (double[] report : all) {
      for (int it = 0; it < iterations; it++) {
        slowest[it] = Math.max(slowest[it], report[it]);
      }
      if (cfg.check()) {
        wrongTotal += (long) report[iterations + WRONG];
      }
      meanBusFactor += report[iterations + BUS_FACTOR] / n;
    }
    double[] sorted = slowest.clone();
    Arrays.sort(sorted);
    double median = Statistics.median(slowest);
    double algbw = median > 0 ? bytes / (median / 1e9) / 1e9 : 0;
    double floorSeconds = n * (double) bytes * meanBusFactor / copyRate;
    return new SweepRow(
        bytes,
        count,
        cfg.dtype().label(),
        cfg.reduceOp().label(),
        median / 1e3,
        sorted[0] / 1e3,
        sorted[sorted.length - 1] / 1e3,
        algbw,
        algbw * meanBusFactor,
        wrongTotal,
        floorSeconds * 1e6,
        meanBusFactor);
  }

  /** Rank 0 receives every rank's report (its own included); other ranks get null. */
  private static double[][] gather(Communicator comm, double[] report) {
    int n = comm.size();
    DoubleBuf mine = new DoubleBuf(report);
    if (comm.rank() != 0) {
      Request s = comm.sendInit(mine, 0, report.length, 0, GATHER_TAG);
      s.start();
      s.await();
      return null;
    }
    double[][] all = new double[n][];
    all[0] = report;
    for (int r = 1; r < n; r++) {
      DoubleBuf in = new DoubleBuf(new double[report.length]);
      Request q = comm.recvInit(in, 0, report.length, r, GATHER_TAG);
      q.start();
      q.await();
      all[r] = in.array();
    }
    return all;
  }
}
