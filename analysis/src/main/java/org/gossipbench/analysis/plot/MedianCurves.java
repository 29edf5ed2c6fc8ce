package org.gossipbench.analysis.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Lines from many rows: rows are grouped by a label (one line each, in label order) and, within a
 * line, by a key such as the iteration or the message size; each point is the median x and the
 * median y of its group's rows (over ranks, iterations and seeds: what every plot of the report
 * aggregates). Rows whose y is missing ({@code NaN}) are left out.
 */
final class MedianCurves {
  private MedianCurves() {}

  static List<Series> of(
      Table rows,
      Function<Row, String> label,
      ToDoubleFunction<Row> key,
      ToDoubleFunction<Row> x,
      ToDoubleFunction<Row> y) {
    Map<String, TreeMap<Double, List<double[]>>> groups = new TreeMap<>();
    for (Row r : rows) {
      double yv = y.applyAsDouble(r);
      if (Double.isNaN(yv)) {
        continue;
      }
      groups
          .computeIfAbsent(label.apply(r), l -> new TreeMap<>())
          .computeIfAbsent(key.applyAsDouble(r), k -> new ArrayList<>())
          .add(new double[] {x.applyAsDouble(r), yv});
    }
    List<Series> out = new ArrayList<>();
    for (Map.Entry<String, TreeMap<Double, List<double[]>>> line : groups.entrySet()) {
      int points = line.getValue().size();
      double[] xs = new double[points];
      double[] ys = new double[points];
      int i = 0;
      for (List<double[]> group : line.getValue().values()) {
        xs[i] = median(group, 0);
        ys[i] = median(group, 1);
        i++;
      }
      out.add(Series.line(line.getKey(), xs, ys));
    }
    return out;
  }

  /** The median of a list of values; the mean of the middle two for an even count. */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  private static double median(List<double[]> points, int coordinate) {
    double[] v = new double[points.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = points.get(i)[coordinate];
    }
    return median(v);
  }
}
