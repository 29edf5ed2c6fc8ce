package org.gossipbench.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every registered table regenerated from one scan, written as {@code <table>.md} and {@code
 * <table>.csv} per table and {@code report.md} with all of them. The same scan gives byte-identical
 * files.
 */
public final class Report {
  private final ResultsScan scan;
  private final List<RenderedTable> tables;

  private Report(ResultsScan scan, List<RenderedTable> tables) {
    this.scan = scan;
    this.tables = tables;
  }

  public static Report of(ResultsScan scan) {
    List<RenderedTable> tables = new ArrayList<>();
    for (AnalysisTable t : AnalysisTables.all()) {
      tables.add(RenderedTable.of(t, scan));
    }
    return new Report(scan, List.copyOf(tables));
  }

  public List<RenderedTable> tables() {
    return tables;
  }

  /** All tables in one Markdown document, then the files that were skipped and why. */
  public String markdown() {
    StringBuilder s =
        new StringBuilder("# gossipbench report\n\n")
            .append(scan.fileCount())
            .append(" results files read, ")
            .append(scan.skipped().size())
            .append(" skipped.\n");
    for (RenderedTable t : tables) {
      s.append('\n').append(t.markdown());
    }
    if (!scan.skipped().isEmpty()) {
      s.append("\n## Skipped files\n\n");
      for (String line : scan.skipped()) {
        s.append("- ").append(line).append('\n');
      }
    }
    return s.toString();
  }

  /**
   * Writes every file into {@code dir}, creating it. A missing table's {@code .csv} from an earlier
   * report is removed, so no stale numbers stay beside the message that says there are none.
   */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (RenderedTable t : tables) {
      String stem = t.table().name();
      Files.writeString(dir.resolve(stem + ".md"), t.markdown(), StandardCharsets.UTF_8);
      Path csv = dir.resolve(stem + ".csv");
      if (t.missing()) {
        Files.deleteIfExists(csv);
      } else {
        Files.writeString(csv, t.csv(), StandardCharsets.UTF_8);
      }
    }
    Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
  }
}
