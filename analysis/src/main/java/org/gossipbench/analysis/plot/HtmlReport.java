package org.gossipbench.analysis.plot;

import static org.gossipbench.analysis.HtmlTables.escape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gossipbench.analysis.RenderedTable;
import org.gossipbench.analysis.Report;
import org.gossipbench.analysis.ResultsScan;

/**
 * The report as one self-contained page, {@code report.html}: every registered plot, interactive
 * (Plotly, with plotly itself inlined where the build fetched it: {@link PlotlyScript}), and every
 * table, then the files skipped; beside it {@code plots/<name>.png} per plot (XChart). A plot whose
 * records are missing is one line saying so, with the command that produces them.
 *
 * <p>The same scan gives the same page byte for byte: element ids come from the plots' and tables'
 * names, and nothing records the time. The PNGs are the same bytes on one machine ({@link
 * PngCharts}).
 */
public final class HtmlReport {
  /** The page's file name in the report folder. */
  public static final String FILE = "report.html";

  /** The folder, inside the report folder, of the PNGs. */
  public static final String PLOTS = "plots";

  private final Report report;
  private final ResultsScan scan;
  private final List<RenderedPlot> plots;
  private final PlotlyScript plotly;

  private HtmlReport(
      Report report, ResultsScan scan, List<RenderedPlot> plots, PlotlyScript plotly) {
    this.report = report;
    this.scan = scan;
    this.plots = plots;
    this.plotly = plotly;
  }

  /** Every registered plot computed from {@code scan}, beside the tables of {@code report}. */
  public static HtmlReport of(Report report, ResultsScan scan) {
    return of(report, scan, PlotlyScript.load());
  }

  public static HtmlReport of(Report report, ResultsScan scan, PlotlyScript plotly) {
    List<RenderedPlot> plots = new ArrayList<>();
    for (Plot p : Plots.all()) {
      plots.add(RenderedPlot.of(p, scan));
    }
    return new HtmlReport(report, scan, List.copyOf(plots), plotly);
  }

  public List<RenderedPlot> plots() {
    return plots;
  }

  public PlotlyScript plotly() {
    return plotly;
  }

  /** The plots drawn, those whose records are present. */
  public List<RenderedPlot> drawn() {
    return plots.stream().filter(p -> !p.isMissing()).toList();
  }

  /** The page. */
  public String html() {
    StringBuilder s =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
            .append("<title>gossipbench report</title>\n")
            .append(STYLE)
            .append(plotly.html())
            .append("\n</head>\n<body>\n<h1>gossipbench report</h1>\n<p>")
            .append(scan.fileCount())
            .append(" results files read, ")
            .append(scan.skipped().size())
            .append(" skipped. ")
            .append(escape(plotly.note()))
            .append("</p>\n<nav><ul>\n");
    for (RenderedPlot p : plots) {
      s.append("<li><a href=\"#plot-")
          .append(p.plot().name())
          .append("\">")
          .append(escape(p.plot().title()))
          .append("</a>")
          .append(p.isMissing() ? " (missing)" : "")
          .append("</li>\n");
    }
    for (RenderedTable t : report.tables()) {
      s.append("<li><a href=\"#table-")
          .append(escape(t.table().name()))
          .append("\">")
          .append(escape(t.table().name() + " " + t.table().title()))
          .append("</a>")
          .append(t.missing() ? " (missing)" : "")
          .append("</li>\n");
    }
    s.append("</ul></nav>\n");
    for (RenderedPlot p : plots) {
      s.append(section(p));
    }
    for (RenderedTable t : report.tables()) {
      s.append(t.html());
    }
    if (!scan.skipped().isEmpty()) {
      s.append("<section id=\"skipped\">\n<h2>Skipped files</h2>\n<ul>\n");
      for (String line : scan.skipped()) {
        s.append("<li>").append(escape(line)).append("</li>\n");
      }
      s.append("</ul>\n</section>\n");
    }
    return s.append("</body>\n</html>\n").toString();
  }

  /**
   * Writes {@value #FILE} and {@value #PLOTS}{@code /<name>.png} into {@code dir}, creating them. A
   * missing plot's PNG from an earlier report is removed, so no stale picture stays beside the line
   * that says there is none.
   */
  public void write(Path dir) throws IOException {
    Path pngs = dir.resolve(PLOTS);
    Files.createDirectories(pngs);
    for (RenderedPlot p : plots) {
      Path png = pngs.resolve(p.plot().name() + ".png");
      if (p.isMissing()) {
        Files.deleteIfExists(png);
      } else {
        Files.write(png, PngCharts.png(p.plot().title(), p.data()));
      }
    }
    Files.writeString(dir.resolve(FILE), html(), StandardCharsets.UTF_8);
  }

  /**
   * The plot's chart element id; Tablesaw also names a script variable after it, so it must be a
   * JavaScript identifier (no hyphens).
   */
  public static String chartId(Plot p) {
    return "chart_" + p.name().replace('-', '_');
  }

  private static String section(RenderedPlot p) {
    String id = "plot-" + p.plot().name();
    StringBuilder s =
        new StringBuilder("<section id=\"")
            .append(id)
            .append("\">\n<h2>")
            .append(escape(p.plot().title()))
            .append("</h2>\n");
    if (p.isMissing()) {
      return s.append("<p>").append(escape(p.missing())).append("</p>\n</section>\n").toString();
    }
    return s.append("<div class=\"plot\">\n")
        .append(PlotlyFigures.script(chartId(p.plot()), p.plot().title(), p.data()))
        .append("</div>\n<p><a href=\"")
        .append(PLOTS)
        .append('/')
        .append(p.plot().name())
        .append(".png\">PNG</a></p>\n</section>\n")
        .toString();
  }

  private static final String STYLE =
      "<style>\n"
          + "body { font-family: sans-serif; margin: 2em; max-width: 80em; }\n"
          + "table { border-collapse: collapse; margin: 1em 0; }\n"
          + "th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; }\n"
          + "td.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
          + "section { margin-bottom: 2em; }\n"
          + "</style>\n";
}
