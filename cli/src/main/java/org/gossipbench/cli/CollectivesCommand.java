package org.gossipbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.bench.sweep.ByteSize;
import org.gossipbench.bench.sweep.CollectiveSweep;
import org.gossipbench.bench.sweep.SweepConfig;
import org.gossipbench.bench.sweep.SweepRow;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.ReduceOp;
import org.gossipbench.collectives.comm.Job;
import org.gossipbench.collectives.comm.TransportConfig;
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
    header = "Time one collective over a range of message sizes, nccl-tests style.",
    description =
        "One row per size: the median (min, max) time of the slowest rank, algbw = S/t and busbw ="
            + " algbw x bus factor (GB/s = 1e9 B/s), #wrong against the exact result, and the"
            + " floor: the bytes the operation must copy at the memory copy rate measured in the"
            + " same run. For neighbor averaging busbw = algbw x in-degree (our convention: the"
            + " bytes a rank receives per second). Every timed iteration of every rank is logged to"
            + " an Arrow file.")
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
      names = "--memory",
      description =
          "heap (Java arrays), direct (off-heap memory, as a model's INDArray holds it; the tcp"
              + " transport sends from it without staging) or device (GPU memory with a host"
              + " mirror for inputs and the check; --transport nccl) (default: device with"
              + " --transport nccl, else heap)")
  String memory;

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
              + " variables), mpi (one rank per process under mpirun or srun; needs a build with"
              + " -Pmpi, see README) or nccl (one rank per process and GPU, NCCL on device"
              + " memory; needs a build with -Pgpu) (default: ${DEFAULT-VALUE})")
  String transport;

  @CommandLine.Mixin TransportAddressOptions addresses;

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
      description = "results file (default: <results-dir>/runs/<commit>[-dirty]/<run-id>.arrow)")
  Path out;

  @CommandLine.Option(
      names = "--results-dir",
      defaultValue = ResultsRoot.DEFAULT,
      description =
          "results root for the default file: $GOSSIPBENCH_RESULTS, else the checkout's results"
              + " folder, else ./results (default: ${DEFAULT-VALUE})")
  Path resultsDir;

  @CommandLine.Option(names = "--no-log", description = "do not write a results file")
  boolean noLog;

  @CommandLine.Mixin SeedOption seedOption;

  @CommandLine.Mixin FormatOption output;

  @Override
  public Integer call() {
    if (check != 0 && check != 1) {
      throw new IllegalArgumentException("-c must be 0 or 1, got " + check);
    }
    if (!(timeoutSeconds > 0)) {
      throw new IllegalArgumentException("--timeout must be positive");
    }
    if (ranks != null && ranks < 1) {
      throw new IllegalArgumentException("-np must be at least 1, got " + ranks);
    }
    if ("device".equals(memory) && !transport.equals("nccl")) {
      throw new IllegalArgumentException(
          "--memory device needs a transport with device memory (--transport nccl), not "
              + transport);
    }
    TransportConfig transportConfig =
        new TransportConfig()
            .transport(transport)
            .ranks(ranks == null ? 0 : ranks)
            .timeout(Duration.ofMillis((long) (timeoutSeconds * 1000)))
            .bindAddress(addresses.bind)
            .advertiseAddress(addresses.advertise)
            .conclude();
    String alg = algorithm != null ? algorithm : defaultAlgorithm(op, transport);
    CollectiveRegistry.get(op, alg); // a bad name fails here, before any rank starts
    try (Job job = transportConfig.join()) {
      SweepConfig cfg = sweepConfig(alg, job.size(), transportConfig);
      return sweep(cfg, job);
    }
  }

  private SweepConfig sweepConfig(String alg, int worldSize, TransportConfig transportConfig) {
    String mem = memory != null ? memory : transport.equals("nccl") ? "device" : "heap";
    return new SweepConfig(
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
        DType.parse(dtype),
        ReduceOp.parse(reduce),
        transportConfig.transport(),
        transportConfig.timeout(),
        (int) Math.min(Integer.MAX_VALUE, ByteSize.parse(segment)),
        seedOption.seed,
        mem);
  }

  private Integer sweep(SweepConfig cfg, Job job) {
    PrintWriter outWriter = spec.commandLine().getOut();
    boolean text = output.format != OutputFormat.csv;
    boolean reporting = job.hostsRankZero();
    TextTable table = newTable();
    try (RootAllocator allocator = new RootAllocator();
        ResultWriter<CollectiveMeasurement> log =
            !noLog && reporting ? openLog(cfg, allocator) : null) {
      if (text && reporting) {
        printHeader(outWriter, cfg);
      }
      CollectiveSweep.Summary summary =
          CollectiveSweep.run(
              cfg,
              job,
              row -> table.addRow(cells(row, output.format)),
              m -> {
                if (log != null) {
                  log.append(m);
                }
              });
      if (!reporting) {
        return Main.EXIT_OK;
      }
      table.print(outWriter, output.format);
      if (text) {
        printFooter(outWriter, cfg, summary);
      }
      if (log != null) {
        log.commit();
        (text ? outWriter : spec.commandLine().getErr()).println("# results: " + log.target());
      }
    }
    outWriter.flush();
    return Main.EXIT_OK;
  }

  private static TextTable newTable() {
    return new TextTable(
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
        new boolean[] {true, true, false, false, true, true, true, true, true, true, true, true});
  }

  private ResultWriter<CollectiveMeasurement> openLog(SweepConfig cfg, RootAllocator allocator) {
    String runId = ResultsLayout.newRunId(CollectiveSchema.INSTANCE.kind(), Instant.now());
    Provenance p =
        Provenance.capture(
            CollectiveSchema.INSTANCE,
            runId,
            cfg.toJson(),
            cfg.seed(),
            "gossipbench " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    Path file = out != null ? out : ResultsLayout.runFile(resultsDir, p);
    return ResultWriter.create(file, CollectiveSchema.INSTANCE, p, allocator);
  }

  private void printHeader(PrintWriter out, SweepConfig cfg) {
    out.printf(
        "# gossipbench collectives: op %s, algorithm %s, topology %s, transport %s, ranks %d, dtype %s, redop %s%n",
        cfg.op(),
        cfg.algorithm(),
        cfg.loggedTopology(),
        cfg.transport(),
        cfg.ranks(),
        cfg.dtype().label(),
        cfg.reduceOp().label());
    out.printf(
        "# iterations %d (warm-up %d, barrier before each), check %s, load average %s%n",
        iterations, warmup, check == 1 ? "on" : "off", Provenance.readLoadAverage());
    out.flush();
  }

  private static void printFooter(PrintWriter out, SweepConfig cfg, CollectiveSweep.Summary s) {
    out.printf(java.util.Locale.ROOT, "# Avg bus bandwidth    : %.3f GB/s%n", s.averageBusbwGBps());
    out.printf(
        java.util.Locale.ROOT,
        "# memory copy rate     : %.3f GB/s with %d thread(s); floor = n x S x busfactor / copy rate%n",
        s.copyBytesPerSecond() / 1e9,
        s.copyThreads());
    if (cfg.entry().needsTopology()) {
      out.println(
          "# neighbor-average: busbw = algbw x in-degree (bytes a rank receives per second); time-varying graphs average it over the timed iterations");
    }
  }

  /**
   * The op's default algorithm, except where the transport brings its own algorithm of the op under
   * the transport's name ({@code allreduce/nccl}): a device transport's ranks compute on device
   * memory, which only its own algorithms do.
   */
  private static String defaultAlgorithm(String op, String transport) {
    String fallback = CollectiveRegistry.op(op).defaultAlgorithm(); // unknown op: one line
    return CollectiveRegistry.entries().stream()
        .filter(e -> e.op().equals(op) && e.algorithm().equals(transport))
        .filter(e -> e.transport().map(transport::equals).orElse(false))
        .map(CollectiveRegistry.Entry::algorithm)
        .findFirst()
        .orElse(fallback);
  }

  private static List<String> cells(SweepRow r, OutputFormat format) {
    return List.of(
        ByteSize.format(r.bytes()),
        Long.toString(r.count()),
        r.dtype(),
        r.reduceOp(),
        Formats.number(r.medianMicros(), 1, format),
        Formats.number(r.minMicros(), 1, format),
        Formats.number(r.maxMicros(), 1, format),
        Formats.number(r.algbwGBps(), 3, format),
        Formats.number(r.busbwGBps(), 3, format),
        r.wrong() < 0 ? "N/A" : Long.toString(r.wrong()),
        Formats.number(r.floorMicros(), 1, format),
        Formats.number(r.floorRatio(), 2, format));
  }
}
