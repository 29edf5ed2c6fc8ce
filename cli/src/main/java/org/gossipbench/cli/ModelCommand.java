package org.gossipbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
    description = {
      "Fit the alpha-beta (Hockney) model t = a*alpha + b*beta (SPEC 5) to collective results:",
      "one observation per (op, algorithm, topology, n, size), the median over iterations of the",
      "slowest rank's time; alpha and beta fitted jointly by least squares on relative error."
    })
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

  @Override
  public Integer call() {
    Map<String, List<long[]>> groups = new TreeMap<>(); // key -> [iteration, rank, nanos]
    Map<String, CollectiveMeasurement> sample = new TreeMap<>();
    Map<String, Long> segments = new TreeMap<>();
    try (RootAllocator allocator = new RootAllocator()) {
      for (Path p : paths) {
        for (Path f : ResultsLayout.find(p)) {
          try (ResultFile rf = ResultFile.open(f, allocator)) {
            if (rf.schema() != CollectiveSchema.INSTANCE) {
              continue;
            }
            String run = rf.provenance().runId();
            long segment = segmentBytes(rf.provenance().configJson());
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
                  segments.putIfAbsent(key, segment);
                  groups
                      .computeIfAbsent(key, k -> new ArrayList<>())
                      .add(new long[] {m.iteration(), m.rank(), m.timeNanos()});
                  sample.putIfAbsent(key, m);
                });
          }
        }
      }
    }
    Map<Integer, List<AlphaBetaModel.Observation>> byN = new TreeMap<>();
    for (Map.Entry<String, List<long[]>> g : groups.entrySet()) {
      CollectiveMeasurement m = sample.get(g.getKey());
      int iterations = (int) g.getValue().stream().mapToLong(r -> r[0]).max().orElse(-1) + 1;
      double[] slowest = new double[iterations];
      for (long[] r : g.getValue()) {
        slowest[(int) r[0]] = Math.max(slowest[(int) r[0]], r[2]);
      }
      double median = Statistics.median(slowest);
      try {
        byN.computeIfAbsent(perN ? m.n() : 0, k -> new ArrayList<>())
            .add(
                AlphaBetaModel.observe(
                    m.op(),
                    m.algorithm(),
                    m.topology(),
                    m.n(),
                    m.bytes(),
                    segments.get(g.getKey()),
                    median / 1e9,
                    1));
      } catch (IllegalArgumentException e) {
        spec.commandLine()
            .getErr()
            .println("note: skipped " + m.op() + "/" + m.algorithm() + ": " + e.getMessage());
      }
    }
    if (byN.isEmpty()) {
      throw new IllegalArgumentException(
          "fitting alpha and beta needs at least two measurements, got 0");
    }
    TextTable table =
        new TextTable(
            List.of("collective", "measured_ms", "model_ms", "error_pct"),
            new boolean[] {false, true, true, true});
    List<String> fits = new ArrayList<>();
    for (Map.Entry<Integer, List<AlphaBetaModel.Observation>> group : byN.entrySet()) {
      List<AlphaBetaModel.Observation> observations = group.getValue();
      AlphaBetaModel.Fit fit = AlphaBetaModel.fit(observations);
      double worst = 0;
      for (AlphaBetaModel.Observation o : observations) {
        worst = Math.max(worst, Math.abs(fit.relativeError(o)));
        table.addRow(
            List.of(
                o.label(),
                Formats.fixed(o.seconds() * 1e3, 2),
                Formats.fixed(fit.predict(o) * 1e3, 2),
                Formats.fixed(100 * fit.relativeError(o), 1)));
      }
      fits.add(
          String.format(
              Locale.ROOT,
              "# %s: alpha = %.1f us per round, beta = %.4f ns per byte (%.3f Gbit/s), %d observations, worst error %.1f%%",
              group.getKey() == 0 ? "all" : "n=" + group.getKey(),
              fit.alpha() * 1e6,
              fit.beta() * 1e9,
              fit.gbitPerSecond(),
              observations.size(),
              100 * worst));
    }
    PrintWriter out = spec.commandLine().getOut();
    table.print(out, output.format);
    if (output.format != OutputFormat.csv) {
      fits.forEach(out::println);
    }
    return Main.EXIT_OK;
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
