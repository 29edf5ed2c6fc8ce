package org.gossipbench.analysis.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * What one plot shows, independent of how it is drawn: both the PNG ({@link PngCharts}) and the
 * interactive page ({@link PlotlyFigures}) render this. No series means the plot's runs are
 * missing.
 *
 * @param bars grouped bars over the series' categories; otherwise lines through numeric points
 * @param xLog a log-scale x axis (points with x &le; 0 are not drawn)
 * @param yLog a log-scale y axis (points with y &le; 0 are not drawn)
 */
public record PlotData(
    String xTitle, String yTitle, boolean xLog, boolean yLog, boolean bars, List<Series> series) {
  public PlotData {
    series = List.copyOf(series);
  }

  public static PlotData lines(
      String xTitle, String yTitle, boolean xLog, boolean yLog, List<Series> series) {
    return new PlotData(xTitle, yTitle, xLog, yLog, false, series);
  }

  public static PlotData bars(String xTitle, String yTitle, List<Series> series) {
    return new PlotData(xTitle, yTitle, false, false, true, series);
  }

  /**
   * The series with only the points a log axis can show and no missing values; a line left with no
   * point is dropped. Bars keep every category (a missing bar stays NaN) so groups line up.
   */
  public List<Series> drawable() {
    if (bars) {
      return series;
    }
    List<Series> out = new ArrayList<>();
    for (Series s : series) {
      double[] x = new double[s.size()];
      double[] y = new double[s.size()];
      int k = 0;
      for (int i = 0; i < s.size(); i++) {
        double xi = s.x()[i];
        double yi = s.y()[i];
        if (Double.isFinite(xi) && Double.isFinite(yi) && (!xLog || xi > 0) && (!yLog || yi > 0)) {
          x[k] = xi;
          y[k] = yi;
          k++;
        }
      }
      if (k > 0) {
        out.add(
            new Series(
                s.name(),
                java.util.Arrays.copyOf(x, k),
                List.of(),
                java.util.Arrays.copyOf(y, k),
                s.reference()));
      }
    }
    return out;
  }
}
