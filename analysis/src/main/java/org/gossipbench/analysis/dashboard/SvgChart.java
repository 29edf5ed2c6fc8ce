package org.gossipbench.analysis.dashboard;

import java.util.List;
import org.gossipbench.analysis.NumberText;
import org.gossipbench.analysis.compare.CommitHistory;

/**
 * A metric over commits as inline SVG: one dot per run, the commits' medians joined by a line, the
 * commit under each column and the median load average of its runs beside it. Self-made rather than
 * plotly so that the page needs no script at all; the same points give the same bytes.
 */
final class SvgChart {
  static final int WIDTH = 720;
  static final int HEIGHT = 260;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 16;
  private static final int BOTTOM = 56;

  /** One commit's column: its runs' values and loads (NaN when not logged), in run order. */
  record Column(String commit, boolean dirty, double[] values, double[] loads, double median) {}

  private SvgChart() {}

  static String render(String title, String unit, List<Column> columns, String baseline) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Column c : columns) {
      for (double v : c.values()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    double pad = max > min ? (max - min) * 0.08 : Math.max(Math.abs(max) * 0.01, 1e-9);
    double lo = min - pad;
    double hi = max + pad;
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.escape(title))
        .append("\">\n");
    s.append("<rect x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(TOP)
        .append("\" width=\"")
        .append(plotW)
        .append("\" height=\"")
        .append(plotH)
        .append("\" fill=\"#fafafa\" stroke=\"#999\"/>\n");
    for (int g = 0; g <= 4; g++) {
      double v = lo + (hi - lo) * g / 4;
      double y = TOP + plotH - plotH * (v - lo) / (hi - lo);
      s.append("<text x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(coordinate(y + 4))
          .append("\" text-anchor=\"end\" font-size=\"11\">")
          .append(NumberText.significant(v, 3))
          .append("</text>\n");
    }
    s.append("<text x=\"12\" y=\"")
        .append(TOP + plotH / 2)
        .append("\" font-size=\"11\" transform=\"rotate(-90 12 ")
        .append(TOP + plotH / 2)
        .append(")\" text-anchor=\"middle\">")
        .append(Html.escape(unit))
        .append("</text>\n");
    StringBuilder line = new StringBuilder();
    int n = columns.size();
    for (int i = 0; i < n; i++) {
      Column c = columns.get(i);
      double x = LEFT + plotW * (i + 0.5) / n;
      boolean isBaseline = c.commit().equals(baseline);
      for (int r = 0; r < c.values().length; r++) {
        double y = TOP + plotH - plotH * (c.values()[r] - lo) / (hi - lo);
        s.append("<circle class=\"run\" cx=\"")
            .append(coordinate(x))
            .append("\" cy=\"")
            .append(coordinate(y))
            .append("\" r=\"3\" fill=\"")
            .append(isBaseline ? "#1f77b4" : "#555")
            .append("\" fill-opacity=\"0.6\"><title>")
            .append(CommitHistory.shortHash(c.commit()))
            .append(": ")
            .append(NumberText.significant(c.values()[r], 4))
            .append(' ')
            .append(Html.escape(unit))
            .append(", load ")
            .append(load(c.loads()[r]))
            .append("</title></circle>\n");
      }
      double ym = TOP + plotH - plotH * (c.median() - lo) / (hi - lo);
      line.append(i == 0 ? "" : " ").append(coordinate(x)).append(',').append(coordinate(ym));
      s.append("<text x=\"")
          .append(coordinate(x))
          .append("\" y=\"")
          .append(TOP + plotH + 16)
          .append("\" text-anchor=\"middle\" font-size=\"10\" font-family=\"monospace\">")
          .append(
              CommitHistory.shortHash(c.commit()).substring(0, Math.min(7, c.commit().length())))
          .append(c.dirty() ? "*" : "")
          .append(isBaseline ? " (base)" : "")
          .append("</text>\n");
      s.append("<text class=\"load\" x=\"")
          .append(coordinate(x))
          .append("\" y=\"")
          .append(TOP + plotH + 30)
          .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"#a05000\">load ")
          .append(load(medianLoad(c.loads())))
          .append("</text>\n");
    }
    s.append("<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" points=\"")
        .append(line)
        .append("\"/>\n");
    s.append("</svg>\n");
    return s.toString();
  }

  static double medianLoad(double[] loads) {
    double[] known =
        java.util.Arrays.stream(loads).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (known.length == 0) {
      return Double.NaN;
    }
    int m = known.length / 2;
    return known.length % 2 == 1 ? known[m] : (known[m - 1] + known[m]) / 2;
  }

  static String load(double load) {
    return Double.isNaN(load) ? "n/a" : NumberText.fixed(load, 2);
  }

  private static String coordinate(double v) {
    return NumberText.fixed(v, 1);
  }
}
