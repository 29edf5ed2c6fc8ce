package org.gossipbench.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.gossipbench.analysis.AnalysisTables;
import org.gossipbench.analysis.ResultsScan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.Table;

/** Every registered plot over the committed reference runs (results/reference/). */
class ReferencePlotsTest {
  static final Path REFERENCE = Path.of("..", "results", "reference");
  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static ResultsScan reference;

  @BeforeAll
  static void scan() {
    reference = ResultsScan.of(List.of(REFERENCE));
  }

  static Stream<Plot> plots() {
    return Plots.all().stream();
  }

  @ParameterizedTest
  @MethodSource("plots")
  void shouldDrawEveryPlotWhoseRecordsTheReferenceRunsHold(Plot plot) {
    RenderedPlot p = RenderedPlot.of(plot, reference);
    boolean held = plot.requiredKinds().stream().allMatch(reference::has);
    assertEquals(!held, p.isMissing(), plot.name() + ": " + p.missing());
    if (held) {
      for (Series s : p.data().drawable()) {
        assertTrue(s.size() > 0, s.name());
        assertTrue(Arrays.stream(s.y()).allMatch(v -> Double.isFinite(v) || p.data().bars()));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("plots")
  void shouldEncodeTheSameDataAsTheSamePngBytes(Plot plot) {
    RenderedPlot p = RenderedPlot.of(plot, reference);
    if (p.isMissing()) {
      return;
    }
    byte[] png = PngCharts.png(plot.title(), p.data());
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
    assertArrayEquals(png, PngCharts.png(plot.title(), RenderedPlot.of(plot, reference).data()));
  }

  @ParameterizedTest
  @MethodSource("plots")
  void shouldGiveEachDrawnPlotAScriptThatDrawsIntoItsOwnElement(Plot plot) {
    RenderedPlot p = RenderedPlot.of(plot, reference);
    if (p.isMissing()) {
      return;
    }
    String id = HtmlReport.chartId(plot);
    String script = PlotlyFigures.script(id, plot.title(), p.data());
    assertTrue(script.contains("<div id='" + id + "'"), script);
    assertTrue(script.contains("getElementById('" + id + "')"), script);
    assertTrue(script.contains("Plotly.newPlot"), script);
    assertEquals(script, PlotlyFigures.script(id, plot.title(), p.data()));
  }

  @Test
  void shouldDrawTheSpeedupFromTheSmallestNBesideTheLinearLine() {
    PlotData d = RenderedPlot.of(Plots.get("speedup-vs-n"), reference).data();
    Series linear = d.series().get(d.series().size() - 1);
    assertEquals("linear", linear.name());
    assertTrue(linear.reference());
    assertArrayEquals(new double[] {4, 8}, linear.x());
    assertArrayEquals(linear.x(), linear.y());
    Table t6 = AnalysisTables.get("T6").build(reference);
    int checked = 0;
    for (Series s : d.series().subList(0, d.series().size() - 1)) {
      assertEquals(4, s.y()[0], 1e-9, s.name());
      double[] throughput = new double[2];
      for (tech.tablesaw.api.Row r : t6) {
        String topology = r.getString("topology");
        // several workloads in the reference runs: each line is named after its workload too
        String label =
            r.getString("workload")
                + ": "
                + r.getString("algorithm")
                + (topology.isEmpty() ? "" : " on " + topology);
        if (label.equals(s.name())) {
          throughput[r.getInt("n") == 4 ? 0 : 1] = r.getDouble("samples_per_second_median");
        }
      }
      assertEquals(4 * throughput[1] / throughput[0], s.y()[1], 1e-9, s.name());
      checked++;
    }
    assertEquals(5, checked, "3 Spambase lines and 2 of the synthetic least squares");
  }

  @Test
  void shouldGroupTheHeterogeneityBarsAsT7Does() {
    PlotData d = RenderedPlot.of(Plots.get("heterogeneity-bars"), reference).data();
    assertTrue(d.bars());
    Table t7 = AnalysisTables.get("T7").build(reference);
    Table shown = AnalysisTables.get("T7").display(t7);
    assertEquals(shown.rowCount(), d.series().size());
    assertEquals(shown.columnCount() - 1, d.series().get(0).categories().size());
    double first = 100 * t7.doubleColumn("final_accuracy_median").get(0);
    assertEquals(first, d.series().get(0).y()[0], 1e-9);
  }

  @Test
  void shouldPairEveryMeasuredTransientWithItsDashedPrediction() {
    PlotData d = RenderedPlot.of(Plots.get("transient-vs-n"), reference).data();
    assertTrue(d.yLog());
    for (int i = 0; i < d.series().size(); i += 2) {
      Series measured = d.series().get(i);
      Series predicted = d.series().get(i + 1);
      assertFalse(measured.reference());
      assertTrue(predicted.reference());
      assertEquals(
          measured.name().replace(" measured", " predicted"), predicted.name(), measured.name());
      assertArrayEquals(measured.x(), predicted.x());
    }
  }

  @Test
  void shouldLeaveOutPointsALogAxisCannotShow() {
    PlotData d =
        PlotData.lines(
            "x",
            "y",
            true,
            true,
            List.of(
                Series.line("a", new double[] {0, 1, 2}, new double[] {1, 0, 3}),
                Series.line("b", new double[] {-1}, new double[] {1})));
    assertEquals(1, d.drawable().size());
    assertArrayEquals(new double[] {2}, d.drawable().get(0).x());
    assertArrayEquals(new double[] {3}, d.drawable().get(0).y());
  }
}
