package org.gossipbench.analysis.plot;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Interactive plots as Tablesaw's Plotly figures. {@link #script} gives the {@code <div>} and the
 * {@code <script>} that draws into it; the page must load plotly first ({@link PlotlyScript}).
 */
public final class PlotlyFigures {
  private PlotlyFigures() {}

  /** The figure for {@code data}. */
  public static Figure figure(String title, PlotData data) {
    List<Trace> traces = new ArrayList<>();
    for (Series s : data.drawable()) {
      if (data.bars()) {
        traces.add(BarTrace.builder(s.categories().toArray(), s.y()).name(text(s.name())).build());
      } else {
        ScatterTrace.ScatterBuilder b =
            ScatterTrace.builder(s.x(), s.y()).name(text(s.name())).showLegend(true);
        if (s.reference()) {
          b.mode(ScatterTrace.Mode.LINE).line(Line.builder().dash(Line.Dash.DASH).build());
        } else {
          b.mode(ScatterTrace.Mode.LINE_AND_MARKERS);
        }
        traces.add(b.build());
      }
    }
    Layout.LayoutBuilder layout =
        Layout.builder()
            .title(text(title))
            .height(560)
            .width(1000)
            .xAxis(axis(data.xTitle(), data.xLog(), data.bars()))
            .yAxis(axis(data.yTitle(), data.yLog(), false));
    if (data.bars()) {
      layout.barMode(Layout.BarMode.GROUP);
    }
    return new Figure(layout.build(), traces.toArray(new Trace[0]));
  }

  /**
   * The {@code <div id="divId">} and the script that draws {@code data} into it. The id must be
   * unique in the page; derive it from the plot's name, so the page has no random ids.
   */
  public static String script(String divId, String title, PlotData data) {
    Figure f = figure(title, data);
    return f.divString(divId) + "\n" + f.asJavascript(divId) + "\n";
  }

  // Tablesaw puts names and titles into single-quoted JavaScript strings without escaping them.
  private static String text(String s) {
    return s.replace("\\", "/").replace("'", "\u2019").replace("\n", " ");
  }

  private static Axis axis(String title, boolean log, boolean categories) {
    return Axis.builder()
        .title(text(title))
        .type(categories ? Axis.Type.CATEGORY : log ? Axis.Type.LOG : Axis.Type.LINEAR)
        .build();
  }
}
