package org.gossipbench.bench.sweep;

import java.util.Arrays;
import java.util.function.Consumer;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.comm.Communicator;
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
 * With checking on, one more run on fresh inputs counts wrong elements. Times, byte counters and
 * wrong counts reach rank 0 through the communicator itself, so the driver runs unchanged on any
 * transport.
 */
public final class CollectiveSweep {
  private static final int GATHER_TAG = 0x7E00_0000;

  /**
   * Per-rank report layout after the timed iterations: [bytes sent, bytes received, wrong, bus
   * factor].
   */
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

  private static SweepRow measure(
      SweepConfig cfg,
      Communicator comm,
      Topology topology,
      long bytes,
      double copyRate,
      Consumer<CollectiveMeasurement> onMeasurement) {
    int n = comm.size();
    int rank = comm.rank();
    int count = cfg.count(bytes);
    CollectiveRegistry.Entry entry = cfg.entry();
    Buf data = Buf.allocate(cfg.dtype(), entry.bufferLength(count, n));
    CollectiveOptions options =
        CollectiveOptions.defaults()
            .withReduceOp(cfg.reduceOp())
            .withSegmentElements(cfg.segmentElements())
            .withTopology(topology)
            .withRoot(0);
    Collective c = CollectiveRegistry.create(cfg.op(), cfg.algorithm(), comm, data, count, options);
    SweepCheck.fill(cfg.op(), data, rank, count);
    long k = 0;
    for (int w = 0; w < cfg.warmup(); w++) {
      comm.barrier();
      c.run(k++);
    }
    double[] report = new double[cfg.iterations() + EXTRA];
    long sent0 = comm.bytesSent();
    long received0 = comm.bytesReceived();
    double busFactor = 0;
    for (int it = 0; it < cfg.iterations(); it++) {
      comm.barrier();
      long t0 = System.nanoTime();
      c.run(k);
      report[it] = System.nanoTime() - t0;
      busFactor += c.busBandwidthFactor(k);
      k++;
    }
    report[cfg.iterations()] = (comm.bytesSent() - sent0) / (double) cfg.iterations();
    report[cfg.iterations() + 1] = (comm.bytesReceived() - received0) / (double) cfg.iterations();
    long wrong = -1;
    if (cfg.check()) {
      SweepCheck.fill(cfg.op(), data, rank, count);
      comm.barrier();
      c.run(k);
      wrong = SweepCheck.wrong(cfg.op(), data, rank, n, count, cfg.reduceOp(), topology, k, 0);
    }
    report[cfg.iterations() + 2] = wrong;
    report[cfg.iterations() + 3] = busFactor / cfg.iterations();

    double[][] all = gather(comm, report);
    if (rank != 0) {
      return null;
    }
    double[] slowest = new double[cfg.iterations()];
    long wrongTotal = cfg.check() ? 0 : -1;
    double meanBusFactor = 0;
    for (int r = 0; r < n; r++) {
      for (int it = 0; it < cfg.iterations(); it++) {
        slowest[it] = Math.max(slowest[it], all[r][it]);
      }
      if (cfg.check()) {
        wrongTotal += (long) all[r][cfg.iterations() + 2];
      }
      meanBusFactor += all[r][cfg.iterations() + 3] / n;
    }
    for (int r = 0; r < n; r++) {
      for (int it = 0; it < cfg.iterations(); it++) {
        double seconds = all[r][it] / 1e9;
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
                (long) all[r][it],
                algbw,
                algbw * all[r][cfg.iterations() + 3],
                (long) all[r][cfg.iterations()],
                (long) all[r][cfg.iterations() + 1],
                (long) all[r][cfg.iterations() + 2]));
      }
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
