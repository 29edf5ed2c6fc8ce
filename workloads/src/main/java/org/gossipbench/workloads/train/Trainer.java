package org.gossipbench.workloads.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.collectives.collective.Collective;
import org.gossipbench.collectives.collective.CollectiveOptions;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.ReduceOp;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.TransportConfig;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.collectives.topology.TopologySpec;
import org.gossipbench.results.RunSummary;
import org.gossipbench.results.TrainingStep;
import org.gossipbench.workloads.algorithm.Algorithm;
import org.gossipbench.workloads.algorithm.AlgorithmContext;
import org.gossipbench.workloads.algorithm.AlgorithmRegistry;
import org.gossipbench.workloads.algorithm.StepMeter;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.ShardSampler;
import org.gossipbench.workloads.model.Dl4jBuilder;
import org.gossipbench.workloads.model.Dl4jRuntime;
import org.gossipbench.workloads.model.Evaluation;
import org.gossipbench.workloads.model.Model;
import org.gossipbench.workloads.partition.PartitionRegistry;
import org.gossipbench.workloads.partition.Partitions;
import org.gossipbench.workloads.workload.TrainingData;
import org.gossipbench.workloads.workload.Workload;
import org.gossipbench.workloads.workload.WorkloadRegistry;

/**
 * The one driver that owns the training loop (STYLE: one driver owns the loop): it loads the
 * workload's data, builds one model and one {@link Algorithm} per rank of the run's {@link Job},
 * steps them in lock step, evaluates the average model x̄ on the held-out set on a fixed schedule,
 * stops at the target or the budget, and returns every rank's per-step rows and the run summary.
 *
 * <p><b>Time</b>, per step and rank: wall time, thread CPU time, communication wall and CPU time
 * (inside the planned collectives) and bytes sent; compute = step − communication. Simulated nodes
 * share this machine's cores, so the trainer also derives, per step, the <i>critical path</i>
 * (slowest rank's compute CPU time + the fastest rank's communication time, i.e. the collective
 * once every rank has arrived) and the <i>projected</i> time on n machines (slowest compute CPU +
 * the α–β model's communication time). Evaluation is timed apart and excluded from all three.
 *
 * <p><b>Devices</b>: with {@code --device cuda} (a {@link TrainingDevice}) each rank's model and
 * algorithm come from the device, which keeps x and the gradients in its memory; this loop, the
 * evaluation of x̄ (on the host, from the device's {@link Algorithm#estimate()}) and the logs are
 * the same.
 *
 * <p><b>Determinism</b>: every random choice flows from the seed (data split, sampling, model
 * initialization), the collectives sum in a fixed order and the evaluation slices are added by an
 * allreduce, so loss and accuracy columns are bit-identical run after run and on every transport.
 */
public final class Trainer {
  private final TrainConfig config;
  private final TrainingProgress progress;
  private Workload workload;
  private TrainingDevice device; // null: the host

  /** Samples one step draws per node: the batch times the algorithm's batches per step. */
  private int samplesPerStep;

  /** The outcome as seen by this process (rows for every rank, gathered to every process). */
  public record Result(
      RunSummary summary,
      List<TrainingStep> steps,
      Map<String, Object> facts,
      boolean hostsRankZero) {}

  public Trainer(TrainConfig config, TrainingProgress progress) {
    this.config = config;
    this.progress = progress;
  }

  /**
   * Runs the whole training.
   *
   * @throws IllegalArgumentException for bad configuration or data (one line)
   */
  public Result run() {
    config.conclude();
    Topology topology =
        config.usesTopology()
            ? TopologyRegistry.create(
                TopologySpec.parse(config.topology()), config.nodes(), config.seed())
            : null;
    samplesPerStep =
        config.batch()
            * AlgorithmRegistry.get(config.algorithm())
                .batchesPerStep(config.algorithmOptions(), topology);
    long runStart = System.nanoTime();
    workload = WorkloadRegistry.get(config.workload());
    device = TrainingDevice.find(config.device());
    String runtime =
        device != null
            // before workload.model(), which would build a DL4J builder the device never uses
            ? device.runtime()
            : workload.model() instanceof Dl4jBuilder
                // one thread per op: n simulated nodes already fill the cores, each node's compute
                // then
                // runs on its own thread (its CPU time is its compute), and every transport
                // computes
                // with the same thread count, hence the same sums
                ? Dl4jRuntime.configure(1)
                : "pure Java";
    TransportConfig transport =
        new TransportConfig()
            .transport(config.transport())
            .ranks("local".equals(config.transport()) ? config.nodes() : 0)
            .timeout(config.timeout())
            .environment(config.environment())
            .bindAddress(config.bindAddress())
            .advertiseAddress(config.advertiseAddress())
            .conclude();
    try (Job job = transport.join()) {
      if (job.size() != config.nodes()) {
        throw new IllegalArgumentException(
            "-n "
                + config.nodes()
                + " but the "
                + job.transport()
                + " job has "
                + job.size()
                + " ranks");
      }
      long loadStart = System.nanoTime();
      TrainingData data =
          workload.load(
              config.dataDir(),
              config.nodes(),
              PartitionRegistry.parse(config.partition()),
              config.seed());
      long loadNanos = System.nanoTime() - loadStart;
      long stepsPerEpoch =
          Math.max(1, ceilDiv(data.train().size(), (long) config.nodes() * samplesPerStep));
      long budget = (long) Math.ceil(config.maxEpochs() * stepsPerEpoch);
      if (config.maxSteps() > 0) {
        budget = Math.min(budget, config.maxSteps());
      }
      if (budget > Integer.MAX_VALUE / RankLog.FIELDS / config.nodes()) {
        throw new IllegalArgumentException("a budget of " + budget + " steps is too many to log");
      }
      int totalSteps = (int) budget;
      long evalInterval = config.evalSchedule().intervalSteps(stepsPerEpoch);
      AtomicReference<RankLog[]> gathered = new AtomicReference<>();
      AtomicReference<String> stopReason = new AtomicReference<>();
      AtomicReference<String> modelDescription = new AtomicReference<>();
      job.run(
          comm -> {
            RankRun r = new RankRun(comm, data, stepsPerEpoch, totalSteps, evalInterval);
            String reason = r.train();
            RankLog[] all = r.gather();
            if (comm.rank() == 0) {
              gathered.set(all);
              stopReason.set(reason);
              modelDescription.set(r.model.describe());
            }
            r.close();
          });
      Map<String, Object> facts = new LinkedHashMap<>(data.facts());
      facts.put("runtime", runtime);
      if (device != null) {
        facts.put("device", device.name());
      }
      facts.put("omp_wait_policy", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
      facts.put("batches_per_step", samplesPerStep / config.batch());
      facts.put("steps_per_epoch", stepsPerEpoch);
      facts.put("eval_interval_steps", evalInterval);
      facts.put("load_ns", loadNanos);
      facts.put("model", modelDescription.get());
      facts.put(
          "label_histograms",
          Partitions.labelHistograms(
              data.shards(), data.train().labels(), data.train().numClasses()));
      if (gathered.get() == null) {
        return new Result(null, List.of(), facts, false);
      }
      return assemble(
          gathered.get(), stopReason.get(), stepsPerEpoch, facts, System.nanoTime() - runStart);
    }
  }

  /** One rank's model, algorithm, sampler and evaluation collectives. */
  private final class RankRun implements AutoCloseable {
    private final Communicator comm;
    private final TrainingData data;
    private final Model model;
    private final Algorithm algorithm;
    private final StepMeter meter;
    private final RankLog log;
    private final long stepsPerEpoch;
    private final int totalSteps;
    private final long evalInterval;
    private final Buf mean;
    private final Collective meanAverage;
    private final DoubleBuf sums = new DoubleBuf(new double[4]);
    private final Collective sumAllreduce;
    private final int evalFrom;
    private final int evalTo;

    RankRun(
        Communicator comm,
        TrainingData data,
        long stepsPerEpoch,
        int totalSteps,
        long evalInterval) {
      this.comm = comm;
      this.data = data;
      this.stepsPerEpoch = stepsPerEpoch;
      this.totalSteps = totalSteps;
      this.evalInterval = evalInterval;
      int rank = comm.rank();
      int n = comm.size();
      this.model =
          device != null
              ? device.model(comm, config, data)
              : workload
                  .model()
                  .build(data.train().sampleShape(), data.train().numClasses(), config.seed());
      ShardSampler sampler =
          new ShardSampler(data.train(), data.shards()[rank], config.seed(), rank);
      Batch batch = new Batch(config.batch(), data.train().featureCount());
      Topology topology =
          config.usesTopology()
              ? TopologyRegistry.create(TopologySpec.parse(config.topology()), n, config.seed())
              : null;
      AlgorithmContext ctx =
          new AlgorithmContext(
              comm,
              model,
              g -> {
                sampler.next(batch);
                return model.gradient(batch, g);
              },
              topology,
              config.algorithmOptions(),
              config.network());
      this.algorithm =
          device != null
              ? device.algorithm(config, ctx)
              : AlgorithmRegistry.get(config.algorithm()).create(ctx);
      this.meter = ctx.meter();
      this.log = new RankLog(totalSteps);
      Buf x = model.parameters();
      this.mean = Buf.allocate(x.dtype(), x.length());
      this.meanAverage =
          CollectiveRegistry.create(
              "allreduce",
              config.allreduce(),
              comm,
              mean,
              mean.length(),
              CollectiveOptions.defaults().withReduceOp(ReduceOp.AVG));
      this.sumAllreduce =
          CollectiveRegistry.create(
              "allreduce", "ring", comm, sums, 4, CollectiveOptions.defaults());
      int testSize = data.test().size();
      this.evalFrom = (int) ((long) testSize * rank / n);
      this.evalTo = (int) ((long) testSize * (rank + 1) / n);
    }

    /** Steps until the target or the budget; returns why it stopped. */
    String train() {
      boolean rankZero = comm.rank() == 0;
      if (rankZero) {
        progress.start(totalSteps, stepsPerEpoch, config.workload() + " " + config.algorithm());
      }
      comm.barrier();
      String reason =
          config.maxSteps() > 0 && config.maxSteps() < Math.ceil(config.maxEpochs() * stepsPerEpoch)
              ? "max-steps"
              : "max-epochs";
      for (int k = 0; k < totalSteps; k++) {
        meter.reset();
        long bytes0 = comm.bytesSent();
        long allocated0 = StepMeter.threadAllocatedBytes();
        long cpu0 = StepMeter.threadCpuNanos();
        long t0 = System.nanoTime();
        algorithm.step(k);
        log.wallNanos[k] = System.nanoTime() - t0;
        log.cpuNanos[k] = StepMeter.threadCpuNanos() - cpu0;
        log.allocatedBytes[k] = allocated0 < 0 ? -1 : StepMeter.threadAllocatedBytes() - allocated0;
        log.communicationNanos[k] = meter.communicationNanos();
        log.communicationCpuNanos[k] = meter.communicationCpuNanos();
        log.projectedCommunicationNanos[k] = meter.projectedCommunicationNanos();
        log.bytesSent[k] = comm.bytesSent() - bytes0;
        log.loss[k] = meter.meanLoss();
        log.steps = k + 1;
        double epoch = epochOf(k + 1);
        if (rankZero) {
          progress.step(k, epoch, log.loss[k]);
        }
        boolean last = k == totalSteps - 1;
        if ((k + 1) % evalInterval == 0 || last) {
          long e0 = System.nanoTime();
          evaluate(k);
          log.evalNanos[k] = System.nanoTime() - e0;
          if (rankZero) {
            progress.evaluated(k, epoch, log.evalMetric[k], log.evalLoss[k], log.consensus[k]);
          }
          if (reached(log.evalMetric[k])) {
            reason = "target";
            break;
          }
        }
      }
      if (rankZero) {
        progress.finish(reason);
      }
      return reason;
    }

    private double epochOf(long steps) {
      return (double) steps * comm.size() * samplesPerStep / data.train().size();
    }

    /** x̄ by allreduce; each rank evaluates its slice of the held-out set; sums by allreduce. */
    private void evaluate(int k) {
      Buf estimate = algorithm.estimate();
      estimate.copyTo(0, mean, 0, mean.length());
      meanAverage.run(k);
      double consensus = squaredDistance(estimate, mean);
      Evaluation e = model.evaluate(mean, data.test(), evalFrom, evalTo);
      double[] s = sums.array();
      s[0] = e.samples();
      s[1] = e.lossSum();
      s[2] = e.correct();
      s[3] = consensus;
      sumAllreduce.run(k);
      log.evalMetric[k] = workload.metric(new Evaluation((long) s[0], s[1], (long) s[2]));
      log.evalLoss[k] = s[1] / s[0];
      log.consensus[k] = s[3] / comm.size();
    }

    /** Every rank's log on every rank, by one allgather of the packed logs. */
    RankLog[] gather() {
      int n = comm.size();
      int steps = log.steps;
      int count = steps * RankLog.FIELDS;
      DoubleBuf all = new DoubleBuf(new double[Math.max(1, count) * n]);
      log.pack(all, comm.rank() * count, steps);
      if (n > 1 && count > 0) {
        CollectiveRegistry.create(
                "allgather", "ring", comm, all, count, CollectiveOptions.defaults())
            .run(0);
      }
      RankLog[] logs = new RankLog[n];
      for (int r = 0; r < n; r++) {
        logs[r] = RankLog.unpack(all, r * count, steps);
      }
      return logs;
    }

    @Override
    public void close() {
      model.close();
    }
  }

  private boolean reached(double metric) {
    Double target = config.target();
    return target != null && (workload.higherIsBetter() ? metric >= target : metric <= target);
  }

  static double squaredDistance(Buf a, Buf b) {
    double s = 0;
    if (a instanceof FloatBuf fa && b instanceof FloatBuf fb) {
      float[] x = fa.array();
      float[] y = fb.array();
      for (int i = 0; i < x.length; i++) {
        double d = (double) x[i] - y[i];
        s += d * d;
      }
    } else {
      for (int i = 0; i < a.length(); i++) {
        double d = a.getDouble(i) - b.getDouble(i);
        s += d * d;
      }
    }
    return s;
  }

  private Result assemble(
      RankLog[] logs,
      String stopReason,
      long stepsPerEpoch,
      Map<String, Object> facts,
      long wallNanos) {
    int n = logs.length;
    int steps = logs[0].steps;
    boolean higherIsBetter = workload.higherIsBetter();
    String algorithm = config.algorithm();
    String topology = config.usesTopology() ? config.topology() : "allreduce:" + config.allreduce();
    List<TrainingStep> rows = new ArrayList<>(steps * n);
    long elapsed = 0;
    long critical = 0;
    long projected = 0;
    long evalTotal = 0;
    double best = Double.NEGATIVE_INFINITY;
    Long reachedAt = null;
    Long elapsedToTarget = null;
    Long criticalToTarget = null;
    Long projectedToTarget = null;
    double lastConsensus = Double.NaN;
    for (int k = 0; k < steps; k++) {
      long maxCompute = 0;
      long minCommunication = Long.MAX_VALUE;
      long maxProjectedCommunication = 0;
      for (RankLog l : logs) {
        maxCompute = Math.max(maxCompute, l.cpuNanos[k] - l.communicationCpuNanos[k]);
        minCommunication = Math.min(minCommunication, l.communicationNanos[k]);
        maxProjectedCommunication =
            Math.max(maxProjectedCommunication, l.projectedCommunicationNanos[k]);
      }
      long stepCritical = maxCompute + minCommunication;
      long stepProjected = maxCompute + maxProjectedCommunication;
      elapsed += logs[0].wallNanos[k];
      critical += stepCritical;
      projected += stepProjected;
      boolean evaluated = logs[0].evalNanos[k] >= 0;
      long evalNanos = evaluated ? logs[0].evalNanos[k] : 0;
      if (evaluated) {
        best =
            best == Double.NEGATIVE_INFINITY
                ? logs[0].evalMetric[k]
                : higherIsBetter
                    ? Math.max(best, logs[0].evalMetric[k])
                    : Math.min(best, logs[0].evalMetric[k]);
        lastConsensus = logs[0].consensus[k];
        if (reachedAt == null && reached(logs[0].evalMetric[k])) {
          reachedAt = (long) k + 1;
          elapsedToTarget = elapsed;
          criticalToTarget = critical;
          projectedToTarget = projected;
        }
      }
      for (int r = 0; r < n; r++) {
        RankLog l = logs[r];
        rows.add(
            new TrainingStep(
                algorithm,
                topology,
                n,
                r,
                (int) (k / stepsPerEpoch),
                k,
                (long) (k + 1) * samplesPerStep,
                l.loss[k],
                evaluated ? l.evalMetric[k] : null,
                evaluated ? l.consensus[k] : null,
                l.wallNanos[k] - l.communicationNanos[k],
                l.communicationNanos[k],
                l.bytesSent[k],
                config.learningRate(),
                elapsed,
                l.cpuNanos[k] - l.communicationCpuNanos[k],
                stepCritical,
                stepProjected,
                evaluated ? evalNanos : null,
                evaluated ? l.evalLoss[k] : null));
      }
      evalTotal += evalNanos;
    }
    double finalLoss = 0;
    for (RankLog l : logs) {
      finalLoss += l.loss[steps - 1];
    }
    finalLoss /= n;
    double samplesPerSecond = (double) steps * n * samplesPerStep / (elapsed / 1e9);
    RunSummary summary =
        new RunSummary(
            algorithm,
            topology,
            n,
            config.seed(),
            workload.metric(),
            config.target() == null ? Double.NaN : config.target(),
            reachedAt != null,
            elapsedToTarget,
            reachedAt,
            best,
            finalLoss,
            steps,
            (int) ceilDiv(steps, stepsPerEpoch),
            wallNanos,
            config.workload(),
            config.partition(),
            config.transport(),
            config.batch(),
            config.learningRate(),
            stopReason,
            criticalToTarget,
            projectedToTarget,
            evalTotal,
            samplesPerSecond,
            lastConsensus);
    facts.put("elapsed_training_ns", elapsed);
    facts.put("allocated_bytes_per_step", allocationPerStep(logs, steps));
    facts.put("critical_path_ns", critical);
    facts.put("projected_ns", projected);
    return new Result(summary, rows, facts, true);
  }

  /**
   * Each rank's mean bytes allocated by its thread per step over the second half of the run (the
   * first half lets the JIT settle), the harness and the model's library together: for the
   * pure-Java models the whole step, for DL4J its internals as well.
   */
  private static List<Double> allocationPerStep(RankLog[] logs, int steps) {
    List<Double> perRank = new ArrayList<>();
    for (RankLog l : logs) {
      long sum = 0;
      int count = 0;
      for (int k = steps / 2; k < steps; k++) {
        if (l.allocatedBytes[k] >= 0) {
          sum += l.allocatedBytes[k];
          count++;
        }
      }
      perRank.add(count == 0 ? Double.NaN : (double) sum / count);
    }
    return perRank;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
