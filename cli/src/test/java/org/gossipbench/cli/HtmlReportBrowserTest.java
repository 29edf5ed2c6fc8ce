package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.gossipbench.analysis.Report;
import org.gossipbench.analysis.ResultsScan;
import org.gossipbench.analysis.plot.HtmlReport;
import org.gossipbench.analysis.plot.PlotlyScript;
import org.gossipbench.analysis.plot.RenderedPlot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} on the reference runs, opened in a real browser: every plot rendered, no console
 * error; a screenshot is left at target/browser/report.png.
 */
@Tag("browser")
class HtmlReportBrowserTest {
  private static final Path REFERENCE = Path.of("../results/reference");
  private static final Path OUT = Path.of("target", "browser");

  @TempDir Path work;

  @Test
  void shouldRenderEveryPlotOfTheReportWithoutAConsoleError() throws Exception {
    Optional<HeadlessChromium> chromium = HeadlessChromium.find(work);
    Assumptions.assumeTrue(
        chromium.isPresent(), "chromium is not installed (" + HeadlessChromium.SETUP + ")");
    Assumptions.assumeTrue(
        PlotlyScript.load().inlined(),
        "plotly was not fetched at build time (ci/plotly-fetch.sh: npm absent or offline), so"
            + " report.html loads it from the CDN, which this test does not rely on");
    Path out = OUT.resolve("report");
    CliRunner r = CliRunner.run("report", REFERENCE.toString(), "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    ResultsScan scan = ResultsScan.of(List.of(REFERENCE));
    List<RenderedPlot> drawn = HtmlReport.of(Report.of(scan), scan).drawn();
    assertTrue(drawn.size() >= 8, drawn.toString());

    Path page = out.resolve(HtmlReport.FILE).toAbsolutePath();
    HeadlessChromium.Load load = chromium.get().load(page);
    assertEquals(List.of(), load.consoleErrors(), load.log());
    for (RenderedPlot p : drawn) {
      assertTrue(load.isPlotlyPlot(HtmlReport.chartId(p.plot())), p.plot().name());
    }
    assertEquals(drawn.size(), load.countClass("js-plotly-plot"));
    assertEquals(drawn.size(), load.countClass("plot-container plotly"));
    assertTrue(load.countClass("main-svg") >= drawn.size(), "plotly drew no SVG");

    Path png = OUT.resolve("report.png");
    Files.deleteIfExists(png);
    chromium.get().screenshot(page, png, 1280, 4000);
    assertTrue(Files.size(png) > 10_000, "screenshot " + png + " is nearly empty");
  }
}
