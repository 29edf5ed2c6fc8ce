package org.gossipbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.ResultsLayout;
import org.gossipbench.results.RunSummary;
import org.gossipbench.results.RunSummarySchema;
import org.gossipbench.results.TrainingStep;
import org.gossipbench.results.TrainingStepSchema;
import org.gossipbench.workloads.algorithm.AlgorithmRegistry;
import org.gossipbench.workloads.algorithm.Momentum;
import org.gossipbench.workloads.algorithm.NetworkModel;
import org.gossipbench.workloads.model.ModelRegistry;
import org.gossipbench.workloads.partition.PartitionRegistry;
import org.gossipbench.workloads.train.TrainConfig;
import org.gossipbench.workloads.train.Trainer;
import org.gossipbench.workloads.workload.WorkloadRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    header = "Train a model on real data with a distributed algorithm to a target accuracy.",
    description =
        "Trains the workload's model on n nodes (by default simulated in this process over the"
            + " in-process transport; one node per process under 'gossipbench launch', srun or"
            + " mpirun with --transport tcp or mpi) with PSGD, DSGD or another registered"
            + " algorithm, through the same collectives the benchmarks measure. Evaluates the"
            + " average model on the held-out set on a fixed schedule, stops at the target or the"
            + " budget, and writes every step of every node and a run summary as Arrow files."
            + " Times are labelled: elapsed here (evaluation excluded), critical path (slowest"
            + " node's compute + the collective's time once all arrived) and projected on n"
            + " machines by the alpha-beta model. 'train --list' shows the choices.",
    sortOptions = false)
final class TrainCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--list", description = "list workloads, algorithms, partitions")
  boolean list;

  @CommandLine.Option(
      names = "--workload",
      defaultValue = "mnist-mlp",
      description = "workload (default: ${DEFAULT-VALUE})")
  String workload;

  @CommandLine.Option(
      names = "--algorithm",
      defaultValue = "dsgd",
      description = "algorithm[:key=value...] (default: ${DEFAULT-VALUE})")
  String algorithm;

  @CommandLine.Option(
      names = "--topology",
      defaultValue = "one-peer-exp",
      description = "gossip graph for decentralized algorithms (default: ${DEFAULT-VALUE})")
  String topology;

  @CommandLine.Option(
      names = "-n",
      defaultValue = "8",
      description = "nodes (default: ${DEFAULT-VALUE})")
  int nodes;

  @CommandLine.Option(
      names = "--partition",
      defaultValue = "iid",
      description = "iid, sorted, dirichlet:alpha=A (default: ${DEFAULT-VALUE})")
  String partition;

  @CommandLine.Option(
      names = "--batch",
      defaultValue = "32",
      description = "mini-batch per node (default: ${DEFAULT-VALUE})")
  int batch;

  @CommandLine.Option(
      names = "--lr",
      defaultValue = "0.1",
      description = "step size (default: ${DEFAULT-VALUE})")
  double learningRate;

  @CommandLine.Option(
      names = "--momentum",
      defaultValue = "none",
      description = "none, heavy-ball, nesterov (default: ${DEFAULT-VALUE})")
  String momentum;

  @CommandLine.Option(
      names = "--beta",
      defaultValue = "0.9",
      description = "momentum coefficient (default: ${DEFAULT-VALUE})")
  double beta;

  @CommandLine.Option(
      names = "--local-steps",
      defaultValue = "1",
      description = "communicate every H steps; H > 1 with psgd is local SGD (default: 1)")
  int localSteps;

  @CommandLine.Option(
      names = "--allreduce",
      description =
          "ring, halving-doubling, parameter-server; nccl, nccl-ring with --device cuda (default:"
              + " ring, nccl with --device cuda)")
  String allreduce;

  @CommandLine.Option(
      names = "--neighbor-average",
      description =
          "neighbor, hierarchical: how gossip averages (default: hierarchical over a hier:"
              + " topology, else neighbor)")
  String neighborAverage;

  @CommandLine.Option(
      names = {"--target-accuracy", "--target"},
      description =
          "stop when the average model's held-out metric reaches this: an accuracy in [0, 1], or"
              + " for a loss-scored workload (synthetic-lsq) a loss to fall to")
  Double target;

  @CommandLine.Option(
      names = "--max-epochs",
      defaultValue = "10",
      description = "epoch budget (default: ${DEFAULT-VALUE})")
  double maxEpochs;

  @CommandLine.Option(
      names = "--max-steps",
      defaultValue = "0",
      description = "step budget, 0 for none (default: ${DEFAULT-VALUE})")
  long maxSteps;

  @CommandLine.Option(
      names = "--eval-every",
      defaultValue = "0.25ep",
      description = "evaluation interval, in epochs (0.25ep) or steps (default: ${DEFAULT-VALUE})")
  String evalEvery;

  @CommandLine.Option(
      names = "--seed",
      defaultValue = "1",
      description = "seed of every random choice (default: ${DEFAULT-VALUE})")
  long seed;

  @CommandLine.Option(
      names = "--transport",
      defaultValue = "local",
      description = "local, tcp, mpi, nccl (default: ${DEFAULT-VALUE})")
  String transport;

  @CommandLine.Option(
      names = "--device",
      defaultValue = "cpu",
      description =
          "cpu, or cuda (a -Pgpu build: parameters and gradients on the GPU, cuBLAS and NCCL;"
              + " needs --transport nccl and mnist-mlp or fashion-mnist-mlp) (default:"
              + " ${DEFAULT-VALUE})")
  String device;

  @CommandLine.Mixin TransportAddressOptions addresses;

  @CommandLine.Option(
      names = "--timeout",
      defaultValue = "120",
      description = "seconds a rank waits for a peer before failing (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @CommandLine.Option(
      names = "--alpha-us",
      defaultValue = "5",
      description = "projection: latency per message round, us (default: ${DEFAULT-VALUE})")
  double alphaMicros;

  @CommandLine.Option(
      names = "--bandwidth-gbps",
      defaultValue = "25",
      description = "projection: link bandwidth, Gbit/s (default: ${DEFAULT-VALUE})")
  double bandwidthGbps;

  @CommandLine.Mixin DataDirOption data;

  @CommandLine.Option(
      names = "--out",
      description =
          "training-step file (default: <results-dir>/runs/<commit>[-dirty]/<run-id>.arrow); the"
              + " run summary goes beside it as <name>-summary.arrow")
  Path out;

  @CommandLine.Option(
      names = "--results-dir",
      defaultValue = ResultsRoot.DEFAULT,
      description = "results root (default: $GOSSIPBENCH_RESULTS, else <checkout>/results)")
  Path resultsDir;

  @CommandLine.Option(
      names = "--log-steps",
      defaultValue = "all",
      description =
          "all: every node's row at every step; evaluated: the rows of the evaluated steps only,"
              + " enough for every table (a run's file shrinks from megabytes to kilobytes; the"
              + " per-step curves are lost) (default: ${DEFAULT-VALUE})")
  String logSteps;

  @CommandLine.Option(
      names = "--progress",
      defaultValue = "auto",
      description = "auto (bar on a terminal), bar, log, none (default: ${DEFAULT-VALUE})")
  String progressMode;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      printList(out);
      return Main.EXIT_OK;
    }
    if (!logSteps.equals("all") && !logSteps.equals("evaluated")) {
      throw new IllegalArgumentException(
          "--log-steps must be all or evaluated, got '" + logSteps + "'");
    }
    TrainConfig cfg =
        new TrainConfig()
            .workload(workload)
            .algorithm(algorithm)
            .topology(topology)
            .nodes(nodes)
            .partition(partition)
            .batch(batch)
            .learningRate(learningRate)
            .momentum(Momentum.parse(momentum), beta)
            .localSteps(localSteps)
            .allreduce(allreduce)
            .neighborAverage(neighborAverage)
            .target(target)
            .maxEpochs(maxEpochs)
            .maxSteps(maxSteps)
            .seed(seed)
            .transport(transport)
            .device(device)
            .evalEvery(evalEvery)
            .dataDir(data.resolve())
            .network(new NetworkModel(alphaMicros * 1e-6, bandwidthGbps * 1e9 / 8))
            .timeout(Duration.ofSeconds(timeoutSeconds))
            .bindAddress(addresses.bind)
            .advertiseAddress(addresses.advertise)
            .conclude();
    String commandLine =
        "gossipbench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    if (this.out != null) {
      // checked before training: a run that cannot be written must not be run
      for (Path f : List.of(this.out, summaryPath(this.out))) {
        if (java.nio.file.Files.exists(f)) {
          throw new IllegalArgumentException(
              f + " exists; results files are never overwritten (choose another --out)");
        }
      }
    }
    String runId = ResultsLayout.newRunId(TrainingStepSchema.INSTANCE.kind(), Instant.now());
    // captured before training, so start time and load average are the run's, not the writer's
    Provenance steps =
        Provenance.capture(TrainingStepSchema.INSTANCE, runId, "{}", seed, commandLine);
    Provenance summary =
        Provenance.capture(RunSummarySchema.INSTANCE, runId, "{}", seed, commandLine);
    Trainer.Result r = new Trainer(cfg, progress()).run();
    if (!r.hostsRankZero()) {
      return Main.EXIT_OK;
    }
    Map<String, Object> config = new LinkedHashMap<>(cfg.toMap());
    config.put("facts", r.facts());
    String json;
    try {
      json = new ObjectMapper().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    Path stepsFile = write(r, steps.withConfigJson(json), summary.withConfigJson(json));
    printSummary(out, r, stepsFile, cfg.usesTopology() ? cfg.neighborAverage() : null);
    return Main.EXIT_OK;
  }

  private org.gossipbench.workloads.train.TrainingProgress progress() {
    return switch (progressMode) {
      case "auto" -> new TrainProgress(System.err, System.console() != null);
      case "bar" -> new TrainProgress(System.err, true);
      case "log" -> new TrainProgress(System.err, false);
      case "none" -> org.gossipbench.workloads.train.TrainingProgress.NONE;
      default ->
          throw new IllegalArgumentException(
              "--progress must be auto, bar, log or none, got '" + progressMode + "'");
    };
  }

  private Path write(Trainer.Result r, Provenance steps, Provenance summary) {
    Path stepsFile = out != null ? out : ResultsLayout.runFile(resultsDir, steps);
    Path summaryFile = summaryPath(stepsFile);
    try (RootAllocator allocator = new RootAllocator()) {
      try (ResultWriter<TrainingStep> w =
          ResultWriter.create(stepsFile, TrainingStepSchema.INSTANCE, steps, allocator)) {
        boolean evaluatedOnly = logSteps.equals("evaluated");
        for (TrainingStep t : r.steps()) {
          if (!evaluatedOnly || t.evalMetric() != null) {
            w.append(t);
          }
        }
        w.commit();
      }
      try (ResultWriter<RunSummary> w =
          ResultWriter.create(summaryFile, RunSummarySchema.INSTANCE, summary, allocator)) {
        w.append(r.summary());
        w.commit();
      }
    }
    return stepsFile;
  }

  /** The run summary's file beside the steps file: {@code <name>-summary.arrow}. */
  static Path summaryPath(Path stepsFile) {
    return siblingPath(stepsFile, "-summary");
  }

  /** {@code <name><suffix>.arrow} beside {@code <name>.arrow}, for a run's second file. */
  static Path siblingPath(Path file, String suffix) {
    String name = file.getFileName().toString();
    String stem =
        name.endsWith(ResultsLayout.EXTENSION)
            ? name.substring(0, name.length() - ResultsLayout.EXTENSION.length())
            : name;
    return file.resolveSibling(stem + suffix + ResultsLayout.EXTENSION);
  }

  /**
   * @param neighborAverage the gossip's collective algorithm, null for a run without a topology
   */
  private static void printSummary(
      PrintWriter out, Trainer.Result r, Path stepsFile, String neighborAverage) {
    RunSummary s = r.summary();
    long communication = 0;
    long wall = 0;
    for (TrainingStep t : r.steps()) {
      communication += t.communicationNanos();
      wall += t.computeNanos() + t.communicationNanos();
    }
    out.printf(
        Locale.ROOT,
        "# %s %s on %s, n=%d, partition %s, batch %d, lr %s, transport %s%n",
        s.workload(),
        s.algorithm(),
        neighborAverage == null
            ? s.topology()
            : s.topology() + " (neighbor-average/" + neighborAverage + ")",
        s.n(),
        s.partition(),
        s.batchSize(),
        s.learningRate(),
        s.transport());
    out.printf(
        Locale.ROOT,
        "stopped: %s after %d iterations (%d epochs); best %s %.4f; final consensus distance %.4g%n",
        s.stopReason(),
        s.iterations(),
        s.epochs(),
        s.metric(),
        s.bestMetric(),
        s.finalConsensusDistance());
    if (s.reached()) {
      out.printf(
          Locale.ROOT,
          "target %.4f reached at iteration %d: elapsed here %.1f s (evaluation excluded),"
              + " critical path %.1f s, projected on %d machines %.1f s%n",
          s.target(),
          s.iterationsToTarget(),
          s.timeToTargetNanos() / 1e9,
          s.criticalPathToTargetNanos() / 1e9,
          s.n(),
          s.projectedToTargetNanos() / 1e9);
    } else if (!Double.isNaN(s.target())) {
      out.printf(Locale.ROOT, "target %.4f not reached%n", s.target());
    }
    out.printf(
        Locale.ROOT,
        "throughput %.0f samples/s (all nodes, elapsed here); communication %.1f %% of the nodes'"
            + " step time; evaluation %.1f s (excluded)%n",
        s.samplesPerSecond(),
        wall == 0 ? 0 : 100.0 * communication / wall,
        s.evalNanos() / 1e9);
    out.println("steps: " + stepsFile);
  }

  private static void printList(PrintWriter out) {
    out.println("workloads:");
    WorkloadRegistry.entries().forEach(e -> out.printf("  %-22s %s%n", e.name(), e.description()));
    out.println("algorithms:");
    for (AlgorithmRegistry.Entry e : AlgorithmRegistry.entries()) {
      out.printf(
          "  %-22s %s%s%n",
          e.name(), e.description(), e.needsTopology() ? " [uses --topology]" : "");
      e.parameters().forEach((k, v) -> out.printf("  %-22s   %s: %s%n", "", k, v));
    }
    out.println("partitions:");
    PartitionRegistry.entries()
        .forEach(
            (name, e) ->
                out.printf(
                    "  %-22s %s%s%n",
                    name + e.parameters().stream().map(p -> ":" + p).reduce("", String::concat),
                    e.description(),
                    ""));
    out.println("models:");
    ModelRegistry.descriptions().forEach((k, v) -> out.printf("  %-22s %s%n", k, v));
    out.println("momentum: none, heavy-ball, nesterov");
    out.println("allreduce: ring, halving-doubling, parameter-server");
    out.println("topologies: " + String.join(", ", TopologyRegistry.names()));
  }
}
