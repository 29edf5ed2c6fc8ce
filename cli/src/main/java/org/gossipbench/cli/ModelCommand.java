package org.gossipbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.bench.model.AlphaBetaModel;
import org.gossipbench.bench.sweep.ByteSize;
import org.gossipbench.bench.sweep.Statistics;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.collective.CostModel;
import org.gossipbench.collectives.collective.Segments;
import org.gossipbench.collectives.topology.HierarchicalTopology;
import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyRegistry;
import org.gossipbench.results.CollectiveMeasurement;
import org.gossipbench.results.CollectiveSchema;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultsLayout;
import org.gossipbench.workloads.algorithm.NetworkModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gossipbench model}: fits the α–β model to collective logs and shows its error, or with
 * {@code --project} prices hierarchical neighbor averaging on a cluster of two link classes against
 * flat baselines.
 */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    header = "Fit the alpha-beta (Hockney) cost model to collective results and show its error.",
    description =
        "The model, t = a*alpha +"
            + " b*beta with a and b the algorithm's rounds and busiest-link bytes (docs/SPEC.md"
            + " §5), gets one observation per (op, algorithm, topology, n, size): the median over"
            + " iterations of the slowest rank's time; alpha and beta are fitted jointly by least"
            + " squares on relative error. Random topologies are rebuilt with the seed each run"
            + " logged. With --project hier:group=G:inter=T, no fit: prints the projected times of"
            + " neighbor-average/hierarchical (its intra-group part on the intra link, its"
            + " inter-group part on the inter link) and of flat allreduce/ring and"
            + " neighbor-average/neighbor over --baseline-topology (every step of a flat"
            + " collective crosses groups, so all on the inter link).")
final class ModelCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(
      paramLabel = "DIR|FILE",
      arity = "0..*",
      description = "collective results files or folders (to fit; none with --project)")
  List<Path> paths = List.of();

  @CommandLine.Option(
      names = "--project",
      paramLabel = "TOPO",
      description =
          "project instead of fitting: neighbor-average/hierarchical over this hier:group=G:inter=T"
              + " topology against the flat baselines")
  String project;

  @CommandLine.Option(
      names = "--baseline-topology",
      defaultValue = "one-peer-exp",
      description = "--project: the flat neighbor averaging's topology (default: ${DEFAULT-VALUE})")
  String baselineTopology;

  @CommandLine.Option(
      names = "-n",
      defaultValue = "8",
      description = "--project: ranks (default: ${DEFAULT-VALUE})")
  int ranks;

  @CommandLine.Option(
      names = "--sizes",
      split = ",",
      defaultValue = "1M,4M,16M,64M",
      description =
          "--project: message bytes per rank; K, M, G suffixes (default: ${DEFAULT-VALUE})")
  List<String> sizes;

  @CommandLine.Option(
      names = "--alpha-us",
      defaultValue = "5",
      description =
          "--project: the single link's latency per round, us (default: ${DEFAULT-VALUE})")
  double alphaMicros;

  @CommandLine.Option(
      names = "--bandwidth-gbps",
      defaultValue = "25",
      description = "--project: the single link's bandwidth, Gbit/s (default: ${DEFAULT-VALUE})")
  double bandwidthGbps;

  @CommandLine.Option(
      names = "--intra-alpha-us",
      description = "--project: latency inside a group, us (default: --alpha-us)")
  Double intraAlphaMicros;

  @CommandLine.Option(
      names = "--intra-bandwidth-gbps",
      description = "--project: bandwidth inside a group, Gbit/s (default: --bandwidth-gbps)")
  Double intraBandwidthGbps;

  @CommandLine.Option(
      names = "--inter-alpha-us",
      description = "--project: latency between groups, us (default: --alpha-us)")
  Double interAlphaMicros;

  @CommandLine.Option(
      names = "--inter-bandwidth-gbps",
      description = "--project: bandwidth between groups, Gbit/s (default: --bandwidth-gbps)")
  Double interBandwidthGbps;

  @CommandLine.Option(
      names = "--per-n",
      description =
          "fit alpha and beta separately for each rank count (on an emulated cluster the ranks share"
              + " this machine's cores, so the per-round cost grows with n)")
  boolean perN;

  @CommandLine.Mixin FormatOption output;

  /**
   * One collective of one run at one size: every rank's every timed iteration, and what the model
   * needs of the run's configuration.
   *
   * @param times [iteration, rank, nanoseconds] per measurement
   */
  record Group(CollectiveMeasurement sample, long segmentBytes, long seed, List<long[]> times) {

    /** The median over iterations of the slowest rank's time. */
    double seconds() {
      int iterations = (int) times.stream().mapToLong(r -> r[0]).max().orElse(-1) + 1;
      double[] slowest = new double[iterations];
      for (long[] r : times) {
        slowest[(int) r[0]] = Math.max(slowest[(int) r[0]], r[2]);
      }
      return Statistics.median(slowest) / 1e9;
    }

    /**
     * @throws IllegalArgumentException for a collective the model does not cover
     */
    AlphaBetaModel.Observation observation() {
      return AlphaBetaModel.observe(
          sample.op(),
          sample.algorithm(),
          sample.topology(),
          sample.n(),
          sample.bytes(),
          segmentBytes,
          seconds(),
          seed);
    }
  }

  @Override
  public Integer call() {
    if (project != null) {
      if (!paths.isEmpty()) {
        throw new IllegalArgumentException("--project takes no results files: it fits nothing");
      }
      project();
      return Main.EXIT_OK;
    }
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("model needs results files or folders, or --project");
    }
    Map<Integer, List<AlphaBetaModel.Observation>> byN = observations(read(paths).values());
    if (byN.isEmpty()) {
      throw new IllegalArgumentException(
          "fitting alpha and beta needs at least two measurements, got 0");
    }
    print(byN);
    return Main.EXIT_OK;
  }

  /** Every collective measurement under {@code paths}, grouped by collective, size and run. */
  static Map<String, Group> read(List<Path> paths) {
    Map<String, Group> groups = new TreeMap<>();
    try (RootAllocator allocator = new RootAllocator()) {
      for (Path p : paths) {
        for (Path f : ResultsLayout.find(p)) {
          try (ResultFile rf = ResultFile.open(f, allocator)) {
            if (rf.schema() == CollectiveSchema.INSTANCE) {
              read(rf, groups);
            }
          }
        }
      }
    }
    return groups;
  }

  private static void read(ResultFile rf, Map<String, Group> groups) {
    String run = rf.provenance().runId();
    long segment = segmentBytes(rf.provenance().configJson());
    long seed = rf.provenance().seed();
    rf.forEach(
        CollectiveSchema.INSTANCE,
        m -> {
          String key =
              String.join(
                  "|",
                  m.transport(),
                  m.op(),
                  m.algorithm(),
                  m.topology(),
                  Integer.toString(m.n()),
                  String.format(Locale.ROOT, "%015d", m.bytes()),
                  run);
          groups
              .computeIfAbsent(key, k -> new Group(m, segment, seed, new ArrayList<>()))
              .times()
              .add(new long[] {m.iteration(), m.rank(), m.timeNanos()});
        });
  }

  /**
   * One observation per group, keyed by n with {@code --per-n} (else all under 0); a collective the
   * model does not cover is skipped with a note.
   */
  private Map<Integer, List<AlphaBetaModel.Observation>> observations(Collection<Group> groups) {
    Map<Integer, List<AlphaBetaModel.Observation>> byN = new TreeMap<>();
    for (Group g : groups) {
      CollectiveMeasurement m = g.sample();
      try {
        byN.computeIfAbsent(perN ? m.n() : 0, k -> new ArrayList<>()).add(g.observation());
      } catch (IllegalArgumentException e) {
        spec.commandLine()
            .getErr()
            .println("note: skipped " + m.op() + "/" + m.algorithm() + ": " + e.getMessage());
      }
    }
    return byN;
  }

  /** Fits each group of observations; prints one table row per observation, then the fits. */
  private void print(Map<Integer, List<AlphaBetaModel.Observation>> byN) {
    TextTable table =
        new TextTable(
            List.of("collective", "measured_ms", "model_ms", "error_pct"),
            new boolean[] {false, true, true, true});
    List<String> fits = new ArrayList<>();
    for (Map.Entry<Integer, List<AlphaBetaModel.Observation>> group : byN.entrySet()) {
      List<AlphaBetaModel.Observation> observations = group.getValue();
      AlphaBetaModel.Fit fit = AlphaBetaModel.fit(observations);
      for (AlphaBetaModel.Observation o : observations) {
        table.addRow(
            List.of(
                o.label(),
                Formats.number(o.seconds() * 1e3, 2, output.format),
                Formats.number(fit.predict(o) * 1e3, 2, output.format),
                Formats.number(100 * fit.relativeError(o), 1, output.format)));
      }
      fits.add(fitLine(group.getKey() == 0 ? "all" : "n=" + group.getKey(), fit, observations));
    }
    PrintWriter out = spec.commandLine().getOut();
    table.print(out, output.format);
    if (output.format != OutputFormat.csv) {
      fits.forEach(out::println);
    }
  }

  private static String fitLine(
      String which, AlphaBetaModel.Fit fit, List<AlphaBetaModel.Observation> observations) {
    double worst = 0;
    for (AlphaBetaModel.Observation o : observations) {
      worst = Math.max(worst, Math.abs(fit.relativeError(o)));
    }
    return String.format(
        Locale.ROOT,
        "# %s: alpha = %.1f us per round, beta = %.4f ns per byte (%.3f Gbit/s), %d observations, worst error %.1f%%",
        which,
        fit.alpha() * 1e6,
        fit.beta() * 1e9,
        fit.gbitPerSecond(),
        observations.size(),
        100 * worst);
  }

  private static NetworkModel link(double alphaMicros, double gbps) {
    return new NetworkModel(alphaMicros * 1e-6, gbps * 1e9 / 8);
  }

  /** One projected row: its counts priced on the two links. */
  record Projection(String label, long bytes, CostModel.Counts counts) {}

  /**
   * The hierarchical collective over {@code project} and the flat baselines at each size; the flat
   * ones' counts moved {@link CostModel.Counts#acrossGroups() across groups}.
   */
  List<Projection> projections() {
    Topology hier = TopologyRegistry.create(project, ranks, 1);
    if (!(hier instanceof HierarchicalTopology)) {
      throw new IllegalArgumentException(
          "--project needs a hier:group=G:inter=T topology, got " + project);
    }
    Topology flat = TopologyRegistry.create(baselineTopology, ranks, 1);
    long segment = (long) Segments.DEFAULT_SEGMENT_ELEMENTS * Float.BYTES;
    List<Projection> rows = new ArrayList<>();
    for (String size : sizes) {
      long s = ByteSize.parse(size);
      rows.add(
          new Projection(
              "neighbor-average/hierarchical " + project,
              s,
              cost("neighbor-average", "hierarchical").counts(ranks, s, segment, hier)));
      rows.add(
          new Projection(
              "allreduce/ring",
              s,
              cost("allreduce", "ring").counts(ranks, s, segment, null).acrossGroups()));
      rows.add(
          new Projection(
              "neighbor-average/neighbor " + baselineTopology,
              s,
              cost("neighbor-average", "neighbor").counts(ranks, s, segment, flat).acrossGroups()));
    }
    return rows;
  }

  private static CostModel cost(String op, String algorithm) {
    return CollectiveRegistry.get(op, algorithm).cost().orElseThrow();
  }

  private void project() {
    NetworkModel intra =
        link(
            intraAlphaMicros != null ? intraAlphaMicros : alphaMicros,
            intraBandwidthGbps != null ? intraBandwidthGbps : bandwidthGbps);
    NetworkModel inter =
        link(
            interAlphaMicros != null ? interAlphaMicros : alphaMicros,
            interBandwidthGbps != null ? interBandwidthGbps : bandwidthGbps);
    TextTable table =
        new TextTable(
            List.of("collective", "n", "bytes", "intra_ms", "inter_ms", "projected_ms"),
            new boolean[] {false, true, true, true, true, true});
    for (Projection p : projections()) {
      CostModel.Counts c = p.counts();
      double intraMs = intra.nanos(new CostModel.Counts(c.intraRounds(), c.intraBytes())) / 1e6;
      double interMs = inter.nanos(new CostModel.Counts(c.interRounds(), c.interBytes())) / 1e6;
      table.addRow(
          List.of(
              p.label(),
              Integer.toString(ranks),
              Long.toString(p.bytes()),
              Formats.number(intraMs, 3, output.format),
              Formats.number(interMs, 3, output.format),
              Formats.number(intra.nanos(c, inter) / 1e6, 3, output.format)));
    }
    PrintWriter out = spec.commandLine().getOut();
    table.print(out, output.format);
    if (output.format != OutputFormat.csv) {
      out.println("# intra-group link: " + intra.describe());
      out.println("# inter-group link: " + inter.describe());
    }
  }

  /**
   * The segment size the run used (its logged configuration), which the parameter server's pipeline
   * depends on; the default segment for runs that did not log one (JMH conversions).
   */
  static long segmentBytes(String configJson) {
    try {
      JsonNode segment = new ObjectMapper().readTree(configJson).get("segment_bytes");
      if (segment != null && segment.canConvertToLong()) {
        return segment.asLong();
      }
    } catch (JsonProcessingException | RuntimeException e) {
      // not JSON, or not ours: fall through to the default
    }
    return (long) Segments.DEFAULT_SEGMENT_ELEMENTS * Float.BYTES;
  }
}
