package org.gossipbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table of pre-formatted cells printed as aligned text, RFC 4180 CSV or a GitHub Markdown table.
 * Cells are formatted by the caller with {@link java.util.Locale#ROOT} so that a decimal comma can
 * never appear.
 *
 * <p>CSV follows RFC 4180 to the letter, so that strict readers (Excel, Python's csv module, R)
 * agree on it: every record, the last included, ends in CRLF, and a field is quoted (quotes
 * doubled) when it holds a comma, a quote, a CR or an LF.
 */
final class TextTable {
  private final List<String> header;
  private final boolean[] rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> header, boolean[] rightAligned) {
    this.header = List.copyOf(header);
    this.rightAligned = rightAligned.clone();
    if (rightAligned.length != header.size()) {
      throw new IllegalArgumentException(
          "alignment for " + rightAligned.length + " of " + header.size() + " columns");
    }
  }

  void addRow(List<String> row) {
    if (row.size() != header.size()) {
      throw new IllegalArgumentException(
          "row has " + row.size() + " cells, header " + header.size());
    }
    rows.add(List.copyOf(row));
  }

  void print(PrintWriter out, OutputFormat format) {
    switch (format) {
      case csv -> printCsv(out);
      case markdown -> printMarkdown(out);
      case text -> printText(out);
      default -> throw new IllegalStateException(format.toString());
    }
    out.flush();
  }

  private void printCsv(PrintWriter out) {
    out.print(csvLine(header));
    for (List<String> row : rows) {
      out.print(csvLine(row));
    }
  }

  private static String csvLine(List<String> cells) {
    StringBuilder s = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        s.append(',');
      }
      String cell = cells.get(c);
      if (needsQuotes(cell)) {
        s.append('"').append(cell.replace("\"", "\"\"")).append('"');
      } else {
        s.append(cell);
      }
    }
    return s.append("\r\n").toString();
  }

  private static boolean needsQuotes(String cell) {
    for (int i = 0; i < cell.length(); i++) {
      char ch = cell.charAt(i);
      if (ch == ',' || ch == '"' || ch == '\r' || ch == '\n') {
        return true;
      }
    }
    return false;
  }

  private void printMarkdown(PrintWriter out) {
    out.print(markdownLine(header));
    StringBuilder rule = new StringBuilder("|");
    for (boolean right : rightAligned) {
      rule.append(right ? " ---: |" : " --- |");
    }
    out.print(rule.append('\n'));
    for (List<String> row : rows) {
      out.print(markdownLine(row));
    }
  }

  private static String markdownLine(List<String> cells) {
    StringBuilder s = new StringBuilder("|");
    for (String cell : cells) {
      s.append(' ').append(cell.replace("|", "\\|")).append(" |");
    }
    return s.append('\n').toString();
  }

  private void printText(PrintWriter out) {
    int[] width = new int[header.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = header.get(c).length();
      for (List<String> row : rows) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    out.print(textLine(header, width));
    for (List<String> row : rows) {
      out.print(textLine(row, width));
    }
  }

  private String textLine(List<String> cells, int[] width) {
    StringBuilder s = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      int pad = width[c] - cell.length();
      if (c > 0) {
        s.append("  ");
      }
      if (rightAligned[c]) {
        s.append(" ".repeat(pad)).append(cell);
      } else {
        s.append(cell);
        if (c < cells.size() - 1) {
          s.append(" ".repeat(pad));
        }
      }
    }
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    s.setLength(end);
    return s.append('\n').toString();
  }
}
