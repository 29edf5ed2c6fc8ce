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
import org.gossipbench.bench.sweep.Statistics;
import org.gossipbench.collectives.collective.Segments;
import org.gossipbench.results.CollectiveMeasurement;
import org.gossipbench.results.CollectiveSchema;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultsLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gossipbench model}: fits the α–β model to collective logs and shows its error. */
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
            + " logged.")
final class ModelCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Parameters(
      paramLabel = "DIR|FILE",
      arity = "1..*",
      description = "collective results files or folders")
  List<Path> paths;

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
