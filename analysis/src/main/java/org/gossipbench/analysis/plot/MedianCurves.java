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
    Map<String, TreeMap<Double, Points>> groups = new TreeMap<>();
    for (Row r : rows) {
      double yv = y.applyAsDouble(r);
      if (Double.isNaN(yv)) {
        continue;
      }
      groups
          .computeIfAbsent(label.apply(r), l -> new TreeMap<>())
          .computeIfAbsent(key.applyAsDouble(r), k -> new Points())
          .add(x.applyAsDouble(r), yv);
    }
    List<Series> out = new ArrayList<>();
    for (Map.Entry<String, TreeMap<Double, Points>> line : groups.entrySet()) {
      int points = line.getValue().size();
      double[] xs = new double[points];
      double[] ys = new double[points];
      int i = 0;
      for (Points group : line.getValue().values()) {
        xs[i] = median(Arrays.copyOf(group.x, group.size));
        ys[i] = median(Arrays.copyOf(group.y, group.size));
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

  /**
   * A group's x and y values in two growable primitive arrays: a loss curve groups every step row,
   * ten million of them in the report's scale benchmark, and an object per row would not fit.
   */
  private static final class Points {
    double[] x = new double[4];
    double[] y = new double[4];
    int size;

    void add(double xv, double yv) {
      if (size == x.length) {
        x = Arrays.copyOf(x, 2 * size);
        y = Arrays.copyOf(y, 2 * size);
      }
      x[size] = xv;
      y[size] = yv;
      size++;
    }
  }
}
