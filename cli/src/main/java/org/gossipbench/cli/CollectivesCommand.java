package org.gossipbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.bench.sweep.ByteSize;
import org.gossipbench.bench.sweep.CollectiveSweep;
import org.gossipbench.bench.sweep.SweepConfig;
import org.gossipbench.bench.sweep.SweepRow;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.ReduceOp;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.collectives.comm.CommunicatorProvider;
import org.gossipbench.collectives.launch.LaunchEnvironment;
import org.gossipbench.collectives.transport.tcp.TcpCommunicator;
import org.gossipbench.results.CollectiveMeasurement;
import org.gossipbench.results.CollectiveSchema;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.ResultsLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gossipbench collectives}: an nccl-tests-style sweep of one collective over message sizes.
 */
@Command(
    name = "collectives",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Time one collective over a range of message sizes, nccl-tests style: one row per size with the",
      "median (min, max) time of the slowest rank, algbw = S/t and busbw = algbw x bus factor (GB/s = 1e9 B/s),",
      "#wrong against the exact result, and the floor: the bytes the operation must copy at the memory",
      "copy rate measured in the same run. For neighbor averaging busbw = algbw x in-degree (our convention:",
      "the bytes a rank receives per second). Every timed iteration of every rank is logged to an Arrow file."
    })
final class CollectivesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--op",
      defaultValue = "allreduce",
      description = "allreduce, neighbor-average, broadcast, allgather (default: ${DEFAULT-VALUE})")
  String op;

  @CommandLine.Option(
      names = "--algorithm",
      description =
          "default: ring (allreduce, allgather), neighbor (neighbor-average), binomial (broadcast)")
  String algorithm;

  @CommandLine.Option(
      names = "--topology",
      defaultValue = "ring",
      description = "graph for neighbor-average (default: ${DEFAULT-VALUE})")
  String topology;

  @CommandLine.Option(
      names = {"-np", "--ranks"},
      description =
          "ranks (default: 4 in-process; with --transport tcp, the launcher's world size)")
  Integer ranks;

  @CommandLine.Option(
      names = {"-b", "--minbytes"},
      defaultValue = "1K",
      description = "smallest size, bytes per rank; K, M, G suffixes (default: ${DEFAULT-VALUE})")
  String minBytes;

  @CommandLine.Option(
      names = {"-e", "--maxbytes"},
      defaultValue = "16M",
      description = "largest size (default: ${DEFAULT-VALUE})")
  String maxBytes;

  @CommandLine.Option(
      names = {"-f", "--stepfactor"},
      defaultValue = "4",
      description = "size multiplier between rows (default: ${DEFAULT-VALUE})")
  int factor;

  @CommandLine.Option(
      names = {"-n", "--iters"},
      defaultValue = "20",
      description = "timed iterations per size (default: ${DEFAULT-VALUE})")
  int iterations;

  @CommandLine.Option(
      names = {"-w", "--warmup_iters"},
      defaultValue = "5",
      description = "warm-up iterations per size (default: ${DEFAULT-VALUE})")
  int warmup;

  @CommandLine.Option(
      names = {"-c", "--check"},
      defaultValue = "1",
      description =
          "1: count wrong elements on fresh inputs after timing; 0: skip (default: ${DEFAULT-VALUE})")
  int check;

  @CommandLine.Option(
      names = {"-d", "--datatype"},
      defaultValue = "float32",
      description = "float32 or float64 (default: ${DEFAULT-VALUE})")
  String dtype;

  @CommandLine.Option(
      names = {"-o", "--op_type"},
      defaultValue = "sum",
      description = "sum or avg, for allreduce (default: ${DEFAULT-VALUE})")
  String reduce;

  @CommandLine.Option(
      names = "--transport",
      defaultValue = "local",
      description =
          "local (every rank a thread of this process), tcp (this process is one rank; rank, world"
              + " size and rendezvous come from gossipbench launch, torchrun-style, srun or mpirun"
              + " variables) or mpi (one rank per process under mpirun or srun; needs a build with"
              + " -Pmpi, see README) (default: ${DEFAULT-VALUE})")
  String transport;

  @CommandLine.Option(
      names = "--bind",
      description =
          "tcp: address this rank listens on (default: GOSSIPBENCH_BIND_ADDR, else loopback)")
  String bind;

  @CommandLine.Option(
      names = "--segment",
      defaultValue = "1M",
      description = "largest message a block is cut into (default: ${DEFAULT-VALUE})")
  String segment;

  @CommandLine.Option(
      names = "--timeout",
      defaultValue = "60",
      description = "seconds a rank waits for a peer before failing (default: ${DEFAULT-VALUE})")
  double timeoutSeconds;

  @CommandLine.Option(
      names = "--out",
      description = "results file (default: results/runs/<commit>/<run-id>.arrow)")
  Path out;

  @CommandLine.Option(
      names = "--results-dir",
      defaultValue = "results",
      description = "results root for the default file (default: ${DEFAULT-VALUE})")
  Path resultsDir;

  @CommandLine.Option(names = "--no-log", description = "do not write a results file")
  boolean noLog;

  @CommandLine.Mixin SeedOption seedOption;

  @CommandLine.Mixin FormatOption output;

  @Override
  public Integer call() {
    String alg = algorithm != null ? algorithm : defaultAlgorithm(op);
    if (check != 0 && check != 1) {
      throw new IllegalArgumentException("-c must be 0 or 1, got " + check);
    }
    if (!(timeoutSeconds > 0)) {
      throw new IllegalArgumentException("--timeout must be positive");
    }
    DType type = DType.parse(dtype);
    LaunchEnvironment env = null;
    if (transport.equals("tcp")) {
      env =
          LaunchEnvironment.detect()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--transport tcp needs a launcher's environment: gossipbench launch,"
                              + " torchrun-style RANK/WORLD_SIZE/MASTER_ADDR/MASTER_PORT, srun or mpirun"));
      if (env.token() == null) {
        throw new IllegalArgumentException(
            "--transport tcp needs the job token in GOSSIPBENCH_TOKEN (gossipbench launch sets it;"
                + " export one before srun, mpirun or torchrun)");
      }
    }
    boolean provided = !transport.equals("local") && !transport.equals("tcp");
    if (provided) {
      // The transport's own launcher (mpirun, srun) says who we are; its variables are read here
      // only to size the sweep before joining, and the sweep checks that size against the
      // communicator's.
      env = LaunchEnvironment.detect().orElse(null);
    }
    int worldSize = ranks != null ? ranks : env != null ? env.worldSize() : provided ? 1 : 4;
    int myRank = env != null ? env.rank() : 0;
    SweepConfig cfg =
        new SweepConfig(
            op,
            alg,
            topology,
            worldSize,
            ByteSize.parse(minBytes),
            ByteSize.parse(maxBytes),
            factor,
            iterations,
            warmup,
            check == 1,
            type,
            ReduceOp.parse(reduce),
            transport,
            Duration.ofMillis((long) (timeoutSeconds * 1000)),
            (int) Math.min(Integer.MAX_VALUE, ByteSize.parse(segment)),
            seedOption.seed);
    Communicator comm = null;
    if (provided) {
      comm = CommunicatorProvider.find(transport).orElseThrow().join(cfg.timeout());
      myRank = comm.rank();
    } else if (env != null) {
      String bindAddress =
          bind != null ? bind : System.getenv().getOrDefault("GOSSIPBENCH_BIND_ADDR", "127.0.0.1");
      comm =
          TcpCommunicator.connect(
              env.rank(),
              env.worldSize(),
              env.masterAddress(),
              env.masterPort(),
              env.token(),
              bindAddress,
              cfg.timeout());
    }
    try {
      return sweep(cfg, type, comm, myRank);
    } catch (RuntimeException e) {
      if (comm != null) {
        comm.abort(e);
      }
      throw e;
    } finally {
      if (comm != null) {
        comm.close();
      }
    }
  }

  private Integer sweep(SweepConfig cfg, DType type, Communicator comm, int myRank) {
    PrintWriter outWriter = spec.commandLine().getOut();
    boolean text = output.format != OutputFormat.csv;
    boolean reporting = myRank == 0;
    TextTable table =
        new TextTable(
            List.of(
                "size",
                "count",
                "type",
                "redop",
                "time_us",
                "min_us",
                "max_us",
                "algbw_gbps",
                "busbw_gbps",
                "wrong",
                "floor_us",
                "floor_ratio"),
            new boolean[] {
              true, true, false, false, true, true, true, true, true, true, true, true
            });
    try (RootAllocator allocator = new RootAllocator()) {
      ResultWriter<CollectiveMeasurement> log = null;
      try {
        if (!noLog && reporting) {
          String runId = ResultsLayout.newRunId(CollectiveSchema.INSTANCE.kind(), Instant.now());
          Provenance p =
              Provenance.capture(
                  CollectiveSchema.INSTANCE,
                  runId,
                  cfg.toJson(),
                  cfg.seed(),
                  "gossipbench "
                      + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
          Path file = out != null ? out : ResultsLayout.runFile(resultsDir, p);
          log = ResultWriter.create(file, CollectiveSchema.INSTANCE, p, allocator);
        }
        if (text && reporting) {
          outWriter.printf(
              "# gossipbench collectives: op %s, algorithm %s, topology %s, transport %s, ranks %d, dtype %s, redop %s%n",
              cfg.op(),
              cfg.algorithm(),
              cfg.loggedTopology(),
              cfg.transport(),
              cfg.ranks(),
              type.label(),
              cfg.reduceOp().label());
          outWriter.printf(
              "# iterations %d (warm-up %d, barrier before each), check %s, load average %s%n",
              iterations, warmup, check == 1 ? "on" : "off", Provenance.readLoadAverage());
          outWriter.flush();
        }
        ResultWriter<CollectiveMeasurement> sink = log;
        Consumer<CollectiveMeasurement> logRow =
            m -> {
              if (sink != null) {
                sink.append(m);
              }
            };
        CollectiveSweep.Summary summary =
            comm == null
                ? CollectiveSweep.run(cfg, row -> table.addRow(cells(row)), logRow)
                : CollectiveSweep.runRank(cfg, comm, row -> table.addRow(cells(row)), logRow);
        if (!reporting) {
          return Main.EXIT_OK;
        }
        table.print(outWriter, output.format);
        if (text) {
          outWriter.printf(
              java.util.Locale.ROOT,
              "# Avg bus bandwidth    : %.3f GB/s%n",
              summary.averageBusbwGBps());
          outWriter.printf(
              java.util.Locale.ROOT,
              "# memory copy rate     : %.3f GB/s with %d thread(s); floor = n x S x busfactor / copy rate%n",
              summary.copyBytesPerSecond() / 1e9,
              summary.copyThreads());
          if (cfg.entry().needsTopology()) {
            outWriter.println(
                "# neighbor-average: busbw = algbw x in-degree (bytes a rank receives per second); time-varying graphs average it over the timed iterations");
          }
        }
        if (log != null) {
          log.commit();
          (text ? outWriter : spec.commandLine().getErr()).println("# results: " + log.target());
        }
      } finally {
        if (log != null) {
          log.close();
        }
      }
    }
    outWriter.flush();
    return Main.EXIT_OK;
  }

  private static String defaultAlgorithm(String op) {
    List<String> known = CollectiveRegistry.algorithms(op);
    if (known.isEmpty()) {
      CollectiveRegistry.get(op, "?"); // throws the one-line "unknown op" error
    }
    return switch (op) {
      case "neighbor-average" -> "neighbor";
      case "broadcast" -> known.contains("binomial") ? "binomial" : known.get(0);
      default -> known.contains("ring") ? "ring" : known.get(0);
    };
  }

  private static List<String> cells(SweepRow r) {
    return List.of(
        ByteSize.format(r.bytes()),
        Long.toString(r.count()),
        r.dtype(),
        r.reduceOp(),
        Formats.fixed(r.medianMicros(), 1),
        Formats.fixed(r.minMicros(), 1),
        Formats.fixed(r.maxMicros(), 1),
        Formats.fixed(r.algbwGBps(), 3),
        Formats.fixed(r.busbwGBps(), 3),
        r.wrong() < 0 ? "N/A" : Long.toString(r.wrong()),
        Formats.fixed(r.floorMicros(), 1),
        Formats.fixed(r.floorRatio(), 2));
  }
}
