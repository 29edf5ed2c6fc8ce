package org.gossipbench.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.gossipbench.results.ResultsLayout;

/**
 * The last thing {@code mvn verify -Pbench} prints: what ran, where its files are, the headline
 * ratios, and how to read the allocation JMH's GC profiler reports.
 *
 * <p><b>Ratios.</b> Every benchmark's JMH score (mean time per operation over its measured
 * iterations) divided by ring-allreduce's at the same (ranks, bytes): the other allreduce
 * algorithms, and neighbor averaging over each topology (one-peer exponential first). Below 1 is
 * faster than ring.
 *
 * <p><b>Allocation.</b> {@code gc.alloc.rate.norm} is every thread's allocation during an iteration
 * divided by that iteration's operations, so two things that are not the benchmarked operation land
 * in it, and JMH's mean ± 99.9% interval over a few iterations makes both look like allocation per
 * op:
 *
 * <ul>
 *   <li>a {@code @TearDown(Level.Trial)} method runs inside the last measured iteration of each
 *       fork (JMH's generated code calls it before that iteration ends), so the collectives'
 *       correctness check and pool shutdown are charged to the operations of that one iteration;
 *   <li>a background of a few KB per second that does not depend on the op rate (about 5.6 KB/s on
 *       the development machine, the same at 100 and at 17,000 ops per second, so not the
 *       collectives; most likely JMH's own service threads): negligible per operation at
 *       microseconds per op, hundreds of B/op at a tenth of a second per op.
 * </ul>
 *
 * Hence the summary reports the median over the iterations before each fork's last, and fits the
 * allocation rate over those iterations of all parameter sets of a benchmark as rate = b + a·(ops
 * per second), rate = norm·(ops per second): a is the allocation per operation, b the background in
 * bytes per second. The fit is in rate space because the background's jitter is in bytes per
 * second, so the fast parameter sets (thousands of ops per second) pin a. A collective that
 * allocated per operation would show a &gt; 0 however fast it ran.
 *
 * <p>Usage: {@code BenchSummary JMH_JSON RESULTS_DIR}. The Arrow file is the newest results file
 * under {@code RESULTS_DIR/runs} written no earlier than the JSON ({@link JmhResults} runs just
 * before).
 */
public final class BenchSummary {
  private static final String ALLREDUCE = "AllreduceBenchmark.allreduce";
  private static final String NEIGHBOR = "NeighborAverageBenchmark.neighborAverage";
  private static final String NORM = "gc.alloc.rate.norm";
  private static final String RING = "ring";
  private static final String HEADLINE_TOPOLOGY = "one-peer-exp";

  private BenchSummary() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: BenchSummary JMH_JSON RESULTS_DIR");
      System.exit(2);
    }
    Path json = Path.of(args[0]);
    JsonNode root = new ObjectMapper().readTree(Files.readString(json));
    Optional<Path> arrow = arrowWrittenAfter(json, Path.of(args[1]));
    System.out.print(summarize(root, json, arrow));
  }

  static String summarize(JsonNode root, Path json, Optional<Path> arrow) {
    StringBuilder out = new StringBuilder();
    out.append("\n== gossipbench -Pbench summary ==\n");
    out.append("ran:\n");
    for (Map.Entry<String, List<JsonNode>> e : byBenchmark(root).entrySet()) {
      out.append("  ").append(ranLine(e.getKey(), e.getValue())).append('\n');
    }
    out.append("files:\n");
    out.append("  JMH JSON      ").append(json.toAbsolutePath().normalize()).append('\n');
    out.append("  Arrow results ")
        .append(arrow.map(p -> p.toAbsolutePath().normalize().toString()).orElse("(none written)"))
        .append('\n');
    out.append(ratioTable(root));
    out.append(allocation(root));
    return out.toString();
  }

  /** Benchmark short name (Class.method) to its parameter sets, in the JSON's order. */
  static Map<String, List<JsonNode>> byBenchmark(JsonNode root) {
    Map<String, List<JsonNode>> by = new LinkedHashMap<>();
    for (JsonNode b : root) {
      by.computeIfAbsent(shortName(b), k -> new ArrayList<>()).add(b);
    }
    return by;
  }

  private static String shortName(JsonNode b) {
    String full = b.path("benchmark").asText();
    int method = full.lastIndexOf('.');
    int type = method > 0 ? full.lastIndexOf('.', method - 1) : -1;
    return full.substring(type + 1);
  }

  /** e.g. "AllreduceBenchmark.allreduce: 4 parameter sets (algorithm 2 × bytes 2), 1 fork × 3". */
  static String ranLine(String name, List<JsonNode> sets) {
    Map<String, Set<String>> values = new LinkedHashMap<>();
    for (JsonNode b : sets) {
      b.path("params")
          .fields()
          .forEachRemaining(
              p ->
                  values
                      .computeIfAbsent(p.getKey(), k -> new LinkedHashSet<>())
                      .add(p.getValue().asText()));
    }
    String grid =
        values.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue().size())
            .collect(Collectors.joining(" × "));
    JsonNode first = sets.get(0);
    return String.format(
        Locale.ROOT,
        "%s: %d parameter set%s%s, %s, %d fork(s) × %d measured iteration(s)",
        name,
        sets.size(),
        sets.size() == 1 ? "" : "s",
        grid.isEmpty() ? "" : " (" + grid + ")",
        first.path("mode").asText(),
        first.path("forks").asInt(),
        first.path("measurementIterations").asInt());
  }

  /** (ranks, bytes) of one allreduce or neighbor-average parameter set. */
  record Point(int ranks, long bytes) implements Comparable<Point> {
    @Override
    public int compareTo(Point o) {
      return Comparator.comparingInt(Point::ranks).thenComparingLong(Point::bytes).compare(this, o);
    }
  }

  /**
   * Column ("allreduce:ALGORITHM" or "neighbor:TOPOLOGY") to score in seconds per op, per point.
   */
  static Map<String, Map<Point, Double>> collectiveSeconds(JsonNode root) {
    Map<String, Map<Point, Double>> columns = new LinkedHashMap<>();
    for (JsonNode b : root) {
      String name = shortName(b);
      JsonNode params = b.path("params");
      String column;
      if (name.equals(ALLREDUCE)) {
        column = "allreduce:" + params.path("algorithm").asText();
      } else if (name.equals(NEIGHBOR)) {
        column = "neighbor:" + params.path("topology").asText();
      } else {
        continue;
      }
      Point p = new Point(params.path("ranks").asInt(), params.path("bytes").asLong());
      double seconds =
          secondsPerOp(
              b.path("primaryMetric").path("score").asDouble(),
              b.path("primaryMetric").path("scoreUnit").asText());
      columns.computeIfAbsent(column, k -> new TreeMap<>()).put(p, seconds);
    }
    return columns;
  }

  static String ratioTable(JsonNode root) {
    Map<String, Map<Point, Double>> columns = collectiveSeconds(root);
    Map<Point, Double> ring = columns.get("allreduce:" + RING);
    if (ring == null) {
      return "ratios: none (no ring allreduce to compare with)\n";
    }
    List<String> others = new ArrayList<>(columns.keySet());
    others.remove("allreduce:" + RING);
    others.sort(
        Comparator.comparing((String c) -> !c.equals("neighbor:" + HEADLINE_TOPOLOGY))
            .thenComparing(c -> !c.startsWith("allreduce:")));
    StringBuilder out = new StringBuilder();
    out.append(
        "time / ring-allreduce time at the same ranks and bytes (JMH score; < 1 is faster):\n");
    StringBuilder header =
        new StringBuilder(
            String.format(Locale.ROOT, "  %5s %10s %12s", "ranks", "bytes", "ring us/op"));
    for (String c : others) {
      header.append(' ').append(String.format(Locale.ROOT, "%" + Math.max(8, c.length()) + "s", c));
    }
    out.append(header).append('\n');
    for (Map.Entry<Point, Double> r : ring.entrySet()) {
      Point p = r.getKey();
      StringBuilder row =
          new StringBuilder(
              String.format(
                  Locale.ROOT, "  %5d %10d %12.1f", p.ranks(), p.bytes(), r.getValue() * 1e6));
      for (String c : others) {
        Double s = columns.get(c).get(p);
        String cell = s == null ? "-" : String.format(Locale.ROOT, "%.2f", s / r.getValue());
        row.append(' ')
            .append(String.format(Locale.ROOT, "%" + Math.max(8, c.length()) + "s", cell));
      }
      out.append(row).append('\n');
    }
    return out.toString();
  }

  /** Per benchmark with a GC profile: steady median, the last iterations, and the fit. */
  static String allocation(JsonNode root) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<JsonNode>> e : byBenchmark(root).entrySet()) {
      Allocation a = Allocation.of(e.getValue());
      if (a == null) {
        continue;
      }
      if (out.length() == 0) {
        out.append(
            "allocation (-prof gc's gc.alloc.rate.norm: every thread's bytes / ops, per iteration):\n");
      }
      out.append("  ").append(e.getKey()).append(":\n").append(a.describe());
    }
    if (out.length() > 0) {
      out.append(
          "  JMH's mean ± error for gc.alloc.rate.norm mixes in the last iteration and the"
              + " background: read steady and fit (README, \"Reading allocation\").\n");
    }
    return out.toString();
  }

  /**
   * What one benchmark's GC profile says.
   *
   * @param steadyMedian median B/op over the iterations before each fork's last, all parameter sets
   * @param steadyMax the largest per-parameter-set median, with its parameters in {@code maxAt}
   * @param lastMax the largest B/op of a fork's last iteration (with the trial tear-down)
   * @param perOp fitted allocation per operation, B/op (NaN when the op rates do not vary)
   * @param backgroundPerSecond fitted allocation per second independent of the ops, B/s
   * @param points iterations the fit used
   */
  record Allocation(
      double steadyMedian,
      double steadyMax,
      String maxAt,
      double lastMax,
      double perOp,
      double backgroundPerSecond,
      int points) {

    static Allocation of(List<JsonNode> sets) {
      List<Double> steady = new ArrayList<>();
      List<double[]> fit = new ArrayList<>(); // {ops/s, B/s}
      double steadyMax = Double.NaN;
      String maxAt = "";
      double lastMax = Double.NaN;
      for (JsonNode b : sets) {
        JsonNode norm = b.path("secondaryMetrics").path(NORM).path("rawData");
        JsonNode time = b.path("primaryMetric").path("rawData");
        String unit = b.path("primaryMetric").path("scoreUnit").asText();
        if (!norm.isArray() || norm.isEmpty()) {
          continue;
        }
        List<Double> mine = new ArrayList<>();
        for (int f = 0; f < norm.size(); f++) {
          JsonNode fork = norm.get(f);
          int last = fork.size() - 1;
          for (int i = 0; i < last; i++) {
            double bytes = fork.get(i).asDouble();
            mine.add(bytes);
            JsonNode t = time.path(f).path(i);
            if (t.isNumber()) {
              double opsPerSecond = 1 / secondsPerOp(t.asDouble(), unit);
              fit.add(new double[] {opsPerSecond, bytes * opsPerSecond});
            }
          }
          if (last >= 0) {
            lastMax =
                Double.isNaN(lastMax)
                    ? fork.get(last).asDouble()
                    : Math.max(lastMax, fork.get(last).asDouble());
          }
        }
        if (!mine.isEmpty()) {
          double m = median(mine);
          if (Double.isNaN(steadyMax) || m > steadyMax) {
            steadyMax = m;
            maxAt = b.path("params").toString();
          }
          steady.addAll(mine);
        }
      }
      if (Double.isNaN(lastMax)) {
        return null;
      }
      double[] ab = leastSquares(fit);
      return new Allocation(
          steady.isEmpty() ? Double.NaN : median(steady),
          steadyMax,
          maxAt,
          lastMax,
          ab[1],
          ab[0],
          fit.size());
    }

    /** Indented lines, one per reading. */
    String describe() {
      StringBuilder s = new StringBuilder();
      if (Double.isNaN(steadyMedian)) {
        s.append("    steady: n/a (one iteration per fork, and it runs the tear-down)\n");
      } else {
        s.append(
            String.format(
                Locale.ROOT,
                "    steady: median %.1f B/op; worst parameter set %.1f B/op %s\n",
                steadyMedian,
                steadyMax,
                maxAt));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "    last iteration of a fork (with the trial tear-down): up to %.1f B/op\n",
              lastMax));
      if (Double.isNaN(perOp)) {
        s.append("    fit: n/a (needs op rates a factor of two apart)\n");
      } else {
        s.append(
            String.format(
                Locale.ROOT,
                "    fit over %d iterations: %.2f B/op + %.0f B/s independent of the op rate\n",
                points,
                perOp,
                backgroundPerSecond));
      }
      return s.toString();
    }
  }

  /**
   * {a, b} minimizing Σ (y − a − b·x)² over {x, y} points with x &gt; 0; NaNs unless x spans at
   * least a factor of two: iterations of one parameter set differ in op rate by noise only, and a
   * line through one cluster of points says nothing about its intercept.
   */
  static double[] leastSquares(List<double[]> points) {
    int n = points.size();
    double minX = Double.POSITIVE_INFINITY;
    double maxX = 0;
    double mx = 0;
    double my = 0;
    for (double[] p : points) {
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      mx += p[0];
      my += p[1];
    }
    if (n < 2 || maxX < 2 * minX) {
      return new double[] {Double.NaN, Double.NaN};
    }
    mx /= n;
    my /= n;
    double sxx = 0;
    double sxy = 0;
    for (double[] p : points) {
      sxx += (p[0] - mx) * (p[0] - mx);
      sxy += (p[0] - mx) * (p[1] - my);
    }
    double b = sxy / sxx;
    return new double[] {my - b * mx, b};
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static double secondsPerOp(double score, String unit) {
    return switch (unit) {
      case "ns/op" -> score * 1e-9;
      case "us/op" -> score * 1e-6;
      case "ms/op" -> score * 1e-3;
      case "s/op" -> score;
      case "ops/ns" -> 1e-9 / score;
      case "ops/us" -> 1e-6 / score;
      case "ops/ms" -> 1e-3 / score;
      case "ops/s" -> 1 / score;
      default -> throw new IllegalArgumentException("unsupported JMH score unit " + unit);
    };
  }

  /** The newest results file under {@code resultsDir/runs} not older than {@code json}. */
  static Optional<Path> arrowWrittenAfter(Path json, Path resultsDir) throws IOException {
    Path runs = resultsDir.resolve(ResultsLayout.RUNS);
    if (!Files.isDirectory(runs)) {
      return Optional.empty();
    }
    FileTime since = Files.getLastModifiedTime(json);
    Path newest = null;
    FileTime newestTime = null;
    for (Path p : ResultsLayout.find(runs)) {
      FileTime t = Files.getLastModifiedTime(p);
      if (t.compareTo(since) >= 0 && (newestTime == null || t.compareTo(newestTime) > 0)) {
        newest = p;
        newestTime = t;
      }
    }
    return Optional.ofNullable(newest);
  }
}
