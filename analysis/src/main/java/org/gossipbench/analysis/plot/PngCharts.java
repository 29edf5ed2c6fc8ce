package org.gossipbench.analysis.plot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG images of plots, drawn by XChart. The same data gives the same bytes on one machine (ImageIO
 * writes no time or other metadata chunk); across machines the pixels may differ where the fonts
 * installed differ, since text is rasterised with the platform's fonts.
 */
public final class PngCharts {
  static final int WIDTH = 960;
  static final int PLOT_HEIGHT = 540;
  static final int LEGEND_LINE_HEIGHT = 20;

  private PngCharts() {}

  /**
   * The plot as PNG bytes, {@value #WIDTH} pixels wide; the legend (one line per series, below the
   * plot) makes it taller.
   */
  public static byte[] png(String title, PlotData data) {
    Chart<?, ?> chart = data.bars() ? bars(title, data) : lines(title, data);
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the plot '" + title + "' as PNG", e);
    }
  }

  private static XYChart lines(String title, PlotData data) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(height(data))
            .title(title)
            .xAxisTitle(data.xTitle())
            .yAxisTitle(data.yTitle())
            .build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLogarithmic(data.xLog()).setYAxisLogarithmic(data.yLog());
    chart.getStyler().setMarkerSize(5);
    for (Series s : data.drawable()) {
      XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      if (s.reference()) {
        line.setLineStyle(SeriesLines.DASH_DASH);
        line.setMarker(SeriesMarkers.NONE);
      }
    }
    return chart;
  }

  private static CategoryChart bars(String title, PlotData data) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(height(data))
            .title(title)
            .xAxisTitle(data.xTitle())
            .yAxisTitle(data.yTitle())
            .build();
    style(chart.getStyler());
    for (Series s : data.drawable()) {
      List<Double> y = new ArrayList<>();
      for (double v : s.y()) {
        // XChart leaves a null bar out; NaN would break its axis range.
        y.add(Double.isNaN(v) ? null : v);
      }
      chart.addSeries(s.name(), s.categories(), y);
    }
    return chart;
  }

  private static int height(PlotData data) {
    return PLOT_HEIGHT + LEGEND_LINE_HEIGHT * data.drawable().size();
  }

  private static void style(Styler styler) {
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Vertical);
    styler.setChartBackgroundColor(java.awt.Color.WHITE);
    styler.setAntiAlias(true);
  }
}
