package org.gossipbench.analysis.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gossipbench.analysis.RenderedTable;
import org.gossipbench.analysis.Report;
import org.gossipbench.analysis.ResultsScan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  static ResultsScan reference;
  static Report tables;

  @TempDir Path dir;

  @BeforeAll
  static void scan() {
    reference = ResultsScan.of(List.of(ReferencePlotsTest.REFERENCE));
    tables = Report.of(reference);
  }

  @Test
  void shouldGiveTheSameScanTheSamePageAndPngsByteForByte() throws Exception {
    PlotlyScript cdn = PlotlyScript.cdn("2.35.2");
    HtmlReport.of(tables, reference, cdn).write(dir.resolve("a"));
    HtmlReport.of(Report.of(reference), reference, cdn).write(dir.resolve("b"));
    assertEquals(
        Files.readString(dir.resolve("a/report.html")),
        Files.readString(dir.resolve("b/report.html")));
    for (RenderedPlot p : HtmlReport.of(tables, reference, cdn).drawn()) {
      String png = "plots/" + p.plot().name() + ".png";
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a").resolve(png)),
          Files.readAllBytes(dir.resolve("b").resolve(png)),
          png);
    }
  }

  @Test
  void shouldHoldEveryTableAndEveryPlotOrTheLineSayingItIsMissing() {
    HtmlReport r = HtmlReport.of(tables, reference, PlotlyScript.cdn("2.35.2"));
    String html = r.html();
    for (RenderedTable t : tables.tables()) {
      assertTrue(html.contains(t.html()), t.table().name());
      assertTrue(html.contains("<section id=\"table-" + t.table().name() + "\">"));
    }
    assertEquals(Plots.all().size(), r.plots().size());
    for (RenderedPlot p : r.plots()) {
      assertTrue(html.contains("<section id=\"plot-" + p.plot().name() + "\">"), p.plot().name());
      if (p.isMissing()) {
        assertTrue(html.contains("<p>" + p.missing().replace("`", "`") + "</p>"), p.missing());
        assertFalse(html.contains("id='" + HtmlReport.chartId(p.plot()) + "'"));
      } else {
        assertTrue(html.contains("<div id='" + HtmlReport.chartId(p.plot()) + "'"));
      }
    }
    // the reference runs hold every record kind a plot reads
    assertEquals(Plots.all().size(), r.drawn().size());
    assertTrue(html.contains("<th>algorithm on graph</th>"), html);
  }

  @Test
  void shouldSayWherePlotlyComesFrom() {
    PlotlyScript cdn = PlotlyScript.cdn("2.35.2");
    assertFalse(cdn.inlined());
    assertEquals("<script src=\"https://cdn.plot.ly/plotly-2.35.2.min.js\"></script>", cdn.html());
    String page = HtmlReport.of(tables, reference, cdn).html();
    assertTrue(page.contains(cdn.html()));
    assertTrue(page.contains("needs the network"), page.substring(0, 600));
    PlotlyScript built = PlotlyScript.load();
    boolean fetched = PlotlyScript.class.getResource(PlotlyScript.RESOURCE) != null;
    assertEquals(fetched, built.inlined(), built.note());
    if (fetched) {
      assertTrue(built.html().startsWith("<script>"));
      assertTrue(built.html().length() > 1_000_000);
      assertFalse(built.html().contains("<script src="));
      assertTrue(built.note().contains("opens offline"), built.note());
    }
  }

  @Test
  void shouldRemoveAStalePngOfAPlotWhoseRecordsAreNowMissing() throws Exception {
    Path stale = Files.createDirectories(dir.resolve("plots")).resolve("latency-vs-size.png");
    Files.write(stale, new byte[] {1});
    // the training runs alone: no collective records, so the latency plot is missing
    ResultsScan training = ResultsScan.of(List.of(ReferencePlotsTest.REFERENCE.resolve("train")));
    HtmlReport.of(Report.of(training), training, PlotlyScript.cdn("2.35.2")).write(dir);
    assertFalse(Files.exists(stale));
    assertTrue(Files.isRegularFile(dir.resolve("plots/accuracy-vs-iteration.png")));
    assertTrue(Files.isRegularFile(dir.resolve("report.html")));
  }
}
