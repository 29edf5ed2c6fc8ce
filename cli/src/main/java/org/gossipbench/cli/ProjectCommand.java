package org.gossipbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.RootAllocator;
import org.gossipbench.bench.model.AlphaBetaModel;
import org.gossipbench.bench.projection.ClusterProjection;
import org.gossipbench.bench.projection.ClusterSpec;
import org.gossipbench.bench.projection.ModelProfile;
import org.gossipbench.bench.sweep.Statistics;
import org.gossipbench.results.ProjectionRow;
import org.gossipbench.results.ProjectionSchema;
import org.gossipbench.results.Provenance;
import org.gossipbench.results.ResultFile;
import org.gossipbench.results.ResultWriter;
import org.gossipbench.results.ResultsLayout;
import org.gossipbench.results.RunSummary;
import org.gossipbench.results.RunSummarySchema;
import org.gossipbench.workloads.algorithm.NetworkModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gossipbench project}: the α–β model at cluster scale (SPEC &sect;5, T3's projected half),
 * with the fits to this machine's sweeps beside it so the model's error is read with its use.
 */
@Command(
    name = "project",
    mixinStandardHelpOptions = true,
    header =
        "Project per-iteration communication and time to train onto GPU clusters (alpha-beta"
            + " model).",
    description =
        "Prices ring-allreduce and hierarchical neighbor averaging (ring-allreduce inside a node,"
            + " --inter-topology between nodes) for each --model at each --gpus count on each"
            + " --cluster, with the counts of docs/SPEC.md §5 as gossipbench model declares them,"
            + " and the time to train as iterations x (compute + communication) and as the FLOP"
            + " bound (8TP/(NFU) for BERT). With --fit, first fits alpha and beta per transport and"
            + " rank count to the collective logs there and prints each fitted configuration's"
            + " projection beside its measured time. Every number printed is projected unless"
            + " marked measured; the inputs and their sources are printed and logged.")
final class ProjectCommand implements Callable<Integer> {
  static final String SEED_CLUSTER = "v100-25gbe";
  static final double SEED_RATIO = 150.0 / 278.0;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = "--cluster",
      split = ",",
      defaultValue = "v100-25gbe,a100-200gbib",
      description =
          "presets (v100-25gbe, a100-200gbib) or JSON files (fields: see docs; default:"
              + " ${DEFAULT-VALUE})")
  List<String> clusters;

  @CommandLine.Option(
      names = "--model",
      split = ",",
      defaultValue = "resnet50,bert-large",
      description = "models to project (default: ${DEFAULT-VALUE})")
  List<String> models;

  @CommandLine.Option(
      names = "--gpus",
      split = ",",
      defaultValue = "8,16,32,64,128,256",
      description = "GPU counts, whole nodes beyond one (default: ${DEFAULT-VALUE})")
  List<Integer> gpus;

  @CommandLine.Option(
      names = "--inter-topology",
      defaultValue = ClusterProjection.DEFAULT_INTER_TOPOLOGY,
      description = "graph between nodes for partial averaging (default: ${DEFAULT-VALUE})")
  String interTopology;

  @CommandLine.Option(
      names = "--iteration-factor",
      description =
          "iterations of neighbor averaging per iteration of ring-allreduce to the same target"
              + " (default: measured from --training where pairs reached their target, else 1)")
  Double iterationFactor;

  @CommandLine.Option(
      names = "--fit",
      paramLabel = "DIR",
      description = "collective logs to fit alpha and beta to, per transport and rank count")
  List<Path> fit = List.of();

  @CommandLine.Option(
      names = "--training",
      paramLabel = "DIR",
      description =
          "training logs: the median of dsgd (one-peer-exp) over psgd iterations to target, as"
              + " the iteration factor")
  Path training;

  @CommandLine.Option(names = "--out", paramLabel = "FILE", description = "Arrow file to log to")
  Path out;

  @CommandLine.Option(
      names = "--seed",
      defaultValue = "1",
      description = "seed of randomized topologies (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public Integer call() {
    if (out != null && Files.exists(out)) {
      throw new IllegalArgumentException(
          out + " exists; results files are never overwritten (choose another --out)");
    }
    String commandLine =
        "gossipbench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    Provenance provenance =
        Provenance.capture(
            ProjectionSchema.INSTANCE,
            ResultsLayout.newRunId(ProjectionSchema.INSTANCE.kind(), Instant.now()),
            configJson(),
            seed,
            commandLine);
    PrintWriter o = spec.commandLine().getOut();
    List<ProjectionRow> rows = new ArrayList<>();
    if (!fit.isEmpty()) {
      rows.addAll(fits(o));
    }
    double factor;
    String factorSource;
    if (iterationFactor != null) {
      factor = iterationFactor;
      factorSource = "given (--iteration-factor)";
    } else {
      double[] measured = training == null ? new double[0] : iterationRatios(training);
      factor = measured.length == 0 ? 1.0 : Statistics.median(measured);
      factorSource =
          measured.length == 0
              ? "given: 1 (no psgd / dsgd one-peer-exp pair reached its target in the logs)"
              : "measured here: median over "
                  + measured.length
                  + " pairs of dsgd one-peer-exp"
                  + " over psgd iterations to target";
    }
    o.printf(
        Locale.ROOT, "# iteration factor for neighbor averaging: %.3f, %s%n", factor, factorSource);
    List<ClusterSpec> specs = clusters.stream().map(ClusterSpec::load).toList();
    for (ClusterSpec c : specs) {
      for (String m : models) {
        ModelProfile model = ModelProfile.named(m);
        List<ProjectionRow> projected =
            ClusterProjection.project(c, model, gpus, interTopology, factor, seed);
        rows.addAll(projected);
        print(o, c, model, projected);
      }
    }
    goal(o, specs);
    if (out != null) {
      try (RootAllocator allocator = new RootAllocator();
          ResultWriter<ProjectionRow> w =
              ResultWriter.create(out, ProjectionSchema.INSTANCE, provenance, allocator)) {
        rows.forEach(w::append);
        w.commit();
      }
      o.println("# logged: " + out);
    }
    return Main.EXIT_OK;
  }

  private void print(PrintWriter o, ClusterSpec c, ModelProfile m, List<ProjectionRow> rows) {
    o.println();
    o.println("## projected: " + m.name() + " on " + c.name() + " (" + c.description() + ")");
    TextTable t =
        new TextTable(
            List.of(
                "gpus",
                "ring_ms",
                "partial_ms",
                "ratio",
                "ring_train_h",
                "partial_train_h",
                "compute_bound_h"),
            new boolean[] {true, true, true, true, true, true, true});
    for (int i = 0; i + 1 < rows.size(); i += 2) {
      ProjectionRow ring = rows.get(i);
      ProjectionRow partial = rows.get(i + 1);
      t.addRow(
          List.of(
              Integer.toString(ring.gpus()),
              num(ring.communicationSeconds() * 1e3, 2),
              num(partial.communicationSeconds() * 1e3, 2),
              num(partial.communicationSeconds() / ring.communicationSeconds(), 3),
              num(ring.trainSeconds() / 3600, 2),
              num(partial.trainSeconds() / 3600, 2),
              num(ring.computeBoundSeconds() / 3600, 2)));
    }
    t.print(o, OutputFormat.text);
    o.println("# inputs: " + c.inputs());
    o.println("# model: " + m.describe());
    o.println(
        "# partial = neighbor-average/hierarchical hier:group="
            + c.gpusPerNode()
            + ":inter="
            + interTopology
            + "; compute "
            + num(rows.get(0).computeSeconds() * 1e3, 2)
            + " ms per iteration, not overlapped with communication");
  }

  /** The check: ResNet-50 at 256 GPUs on the seed's cluster against 150 / 278 ms. */
  private void goal(PrintWriter o, List<ClusterSpec> specs) {
    for (ClusterSpec c : specs) {
      if (!c.name().equals(SEED_CLUSTER)) {
        continue;
      }
      double ratio = ratio(c, 256);
      boolean within = Math.abs(ratio / SEED_RATIO - 1) <= 0.25;
      o.println();
      o.printf(
          Locale.ROOT,
          "# goal: resnet50 at 256 GPUs on %s, partial / ring-allreduce = %.3f projected; the"
              + " seed's 150 ms / 278 ms = %.3f; %s (%+.0f%%)%n",
          c.name(),
          ratio,
          SEED_RATIO,
          within ? "within 25%" : "NOT within 25%",
          100 * (ratio / SEED_RATIO - 1));
      // what moves the ratio: each input halved and doubled
      o.printf(
          Locale.ROOT,
          "# sensitivity of that ratio: inter alpha x0.5 %.3f, x2 %.3f; inter bandwidth x0.5"
              + " %.3f, x2 %.3f; intra bandwidth x0.5 %.3f, x2 %.3f%n",
          ratio(
              c.withInter(
                  new NetworkModel(c.inter().alphaSeconds() / 2, c.inter().bytesPerSecond())),
              256),
          ratio(
              c.withInter(
                  new NetworkModel(c.inter().alphaSeconds() * 2, c.inter().bytesPerSecond())),
              256),
          ratio(
              c.withInter(
                  new NetworkModel(c.inter().alphaSeconds(), c.inter().bytesPerSecond() / 2)),
              256),
          ratio(
              c.withInter(
                  new NetworkModel(c.inter().alphaSeconds(), c.inter().bytesPerSecond() * 2)),
              256),
          ratio(
              c.withIntra(
                  new NetworkModel(c.intra().alphaSeconds(), c.intra().bytesPerSecond() / 2)),
              256),
          ratio(
              c.withIntra(
                  new NetworkModel(c.intra().alphaSeconds(), c.intra().bytesPerSecond() * 2)),
              256));
    }
  }

  private double ratio(ClusterSpec c, int n) {
    List<ProjectionRow> r =
        ClusterProjection.project(c, ModelProfile.RESNET50, List.of(n), interTopology, 1, seed);
    return r.get(1).communicationSeconds() / r.get(0).communicationSeconds();
  }

  /**
   * α–β per (transport, n, collective): each collective's own link as it sees it (one α and β
   * shared by every collective misprices the ones whose rounds overlap unevenly, up to 80 % here);
   * one row per observation.
   */
  private List<ProjectionRow> fits(PrintWriter o) {
    Map<String, List<AlphaBetaModel.Observation>> byKey = new TreeMap<>();
    Map<String, List<ModelCommand.Group>> groups = new TreeMap<>();
    for (ModelCommand.Group g : ModelCommand.read(fit).values()) {
      String key =
          g.sample().transport()
              + "|"
              + String.format(Locale.ROOT, "%05d", g.sample().n())
              + "|"
              + collective(g);
      AlphaBetaModel.Observation obs;
      try {
        obs = g.observation();
      } catch (IllegalArgumentException e) {
        continue; // a collective the model does not cover (vendor ones)
      }
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(obs);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(g);
    }
    List<ProjectionRow> rows = new ArrayList<>();
    o.println("## fitted here (projected against measured)");
    TextTable t =
        new TextTable(
            List.of(
                "transport",
                "n",
                "collective",
                "alpha_us",
                "beta_ns_per_byte",
                "gbit_per_s",
                "observations",
                "worst_error_pct",
                "median_error_pct"),
            new boolean[] {false, true, false, true, true, true, true, true, true});
    for (Map.Entry<String, List<AlphaBetaModel.Observation>> e : byKey.entrySet()) {
      List<AlphaBetaModel.Observation> obs = e.getValue();
      if (obs.size() < 2) {
        continue;
      }
      String[] k = e.getKey().split("\\|");
      int n = Integer.parseInt(k[1]);
      AlphaBetaModel.Fit f = AlphaBetaModel.fit(obs);
      double[] errors = obs.stream().mapToDouble(x -> Math.abs(f.relativeError(x))).toArray();
      double worst = java.util.Arrays.stream(errors).max().orElse(0);
      t.addRow(
          List.of(
              k[0],
              Integer.toString(n),
              k[2],
              num(f.alpha() * 1e6, 2),
              num(f.beta() * 1e9, 4),
              num(f.gbitPerSecond(), 3),
              Integer.toString(obs.size()),
              num(100 * worst, 1),
              num(100 * Statistics.median(errors.clone()), 1)));
      List<ModelCommand.Group> gs = groups.get(e.getKey());
      for (int i = 0; i < obs.size(); i++) {
        AlphaBetaModel.Observation x = obs.get(i);
        ModelCommand.Group g = gs.get(i);
        String collective = k[2];
        NetworkModel link = new NetworkModel(f.alpha(), 1 / f.beta());
        rows.add(
            new ProjectionRow(
                "this machine (" + k[0] + ")",
                "message",
                0,
                g.sample().bytes(),
                n,
                n,
                collective,
                f.predict(x),
                0,
                0,
                0,
                0,
                link.alphaSeconds(),
                link.bytesPerSecond(),
                link.alphaSeconds(),
                link.bytesPerSecond(),
                String.format(
                    Locale.ROOT,
                    "alpha-beta fitted to %d observations of %s with n=%d: %.1f rounds, %.0f bytes;"
                        + " worst error %.1f%%",
                    obs.size(),
                    k[0],
                    n,
                    x.rounds(),
                    x.bytes(),
                    100 * worst),
                "fitted to the collective logs under " + fit,
                x.seconds()));
      }
    }
    t.print(o, OutputFormat.text);
    return rows;
  }

  private static String collective(ModelCommand.Group g) {
    return g.sample().op()
        + "/"
        + g.sample().algorithm()
        + (g.sample().op().equals("neighbor-average") ? " " + g.sample().topology() : "");
  }

  /** dsgd on one-peer-exp over psgd iterations to target, per (workload, n, partition, seed). */
  static double[] iterationRatios(Path dir) {
    Map<String, Long> psgd = new TreeMap<>();
    Map<String, Long> dsgd = new TreeMap<>();
    try (RootAllocator allocator = new RootAllocator()) {
      for (Path f : ResultsLayout.find(dir)) {
        try (ResultFile rf = ResultFile.open(f, allocator)) {
          if (rf.schema() != RunSummarySchema.INSTANCE) {
            continue;
          }
          rf.forEach(
              RunSummarySchema.INSTANCE,
              (RunSummary s) -> {
                if (!s.reached() || s.iterationsToTarget() == null) {
                  return;
                }
                String key = s.workload() + "|" + s.n() + "|" + s.partition() + "|" + s.seed();
                if (s.algorithm().equals("psgd")) {
                  psgd.put(key, s.iterationsToTarget());
                } else if (s.algorithm().equals("dsgd") && "one-peer-exp".equals(s.topology())) {
                  dsgd.put(key, s.iterationsToTarget());
                }
              });
        }
      }
    }
    return dsgd.entrySet().stream()
        .filter(e -> psgd.containsKey(e.getKey()))
        .mapToDouble(e -> (double) e.getValue() / psgd.get(e.getKey()))
        .toArray();
  }

  private String configJson() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("clusters", clusters);
    config.put("models", models);
    config.put("gpus", gpus);
    config.put("inter_topology", interTopology);
    config.put("iteration_factor", iterationFactor);
    config.put("fit", fit.stream().map(Path::toString).toList());
    config.put("seed", seed);
    try {
      return new ObjectMapper().writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String num(double v, int decimals) {
    return Formats.number(v, decimals, OutputFormat.text);
  }
}
