package org.gossipbench.workloads.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a numeric CSV (plain or gzipped) whose last column is an integer class label, the form of
 * Spambase and of scikit-learn's bundled datasets. No quoting: these files have none.
 */
public final class CsvTableReader {

  /** What the first line holds. */
  public enum Header {
    /** Data from the first line (Spambase, scikit-learn's digits). */
    NONE,
    /**
     * {@code n_samples,n_features,class names…} (scikit-learn's breast cancer, iris, wine): the
     * counts are checked against the data.
     */
    SKLEARN
  }

  private CsvTableReader() {}

  public static LabelledTable read(Path file, Header header) throws IOException {
    return parse(file.toString(), Files.readAllBytes(file), header);
  }

  /**
   * @param source names the input in error messages
   */
  public static LabelledTable parse(String source, byte[] fileBytes, Header header) {
    String text = new String(Compression.gunzipIfNeeded(source, fileBytes), StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(text.lines().toList());
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    int first = 0;
    int declaredRows = -1;
    int declaredFeatures = -1;
    List<String> classNames = List.of();
    if (header == Header.SKLEARN) {
      if (lines.isEmpty()) {
        throw new DataFormatException(source + ": empty file, expected a header line");
      }
      String[] h = lines.get(0).split(",", -1);
      if (h.length < 2) {
        throw new DataFormatException(
            source + ":1: header is not 'n_samples,n_features,class names...'");
      }
      declaredRows = headerCount(source, h[0], "n_samples");
      declaredFeatures = headerCount(source, h[1], "n_features");
      classNames = List.copyOf(Arrays.asList(h).subList(2, h.length));
      first = 1;
    }
    int rows = lines.size() - first;
    if (rows == 0) {
      throw new DataFormatException(source + ": no data rows");
    }
    int columns = lines.get(first).split(",", -1).length;
    if (columns < 2) {
      throw new DataFormatException(source + ":" + (first + 1) + ": fewer than 2 columns");
    }
    int featureCount = columns - 1;
    if (declaredFeatures >= 0 && declaredFeatures != featureCount) {
      throw new DataFormatException(
          source
              + ": header declares "
              + declaredFeatures
              + " features, rows have "
              + featureCount);
    }
    if (declaredRows >= 0 && declaredRows != rows) {
      throw new DataFormatException(
          source + ": header declares " + declaredRows + " samples, file has " + rows + " rows");
    }
    double[] features = new double[rows * featureCount];
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      int lineNo = first + r + 1;
      String[] cells = lines.get(first + r).split(",", -1);
      if (cells.length != columns) {
        throw new DataFormatException(
            source + ":" + lineNo + ": " + cells.length + " columns, expected " + columns);
      }
      for (int c = 0; c < featureCount; c++) {
        features[r * featureCount + c] = number(source, lineNo, c + 1, cells[c]);
      }
      labels[r] = label(source, lineNo, cells[featureCount], classNames.size());
    }
    return new LabelledTable(rows, featureCount, features, labels, classNames);
  }

  private static int headerCount(String source, String cell, String what) {
    try {
      int n = Integer.parseInt(cell.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(
        source + ":1: " + what + " is '" + cell + "', not a positive integer");
  }

  private static double number(String source, int lineNo, int column, String cell) {
    try {
      double v = Double.parseDouble(cell.trim());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DataFormatException(
        source + ":" + lineNo + ": column " + column + " is '" + cell + "', not a finite number");
  }

  private static int label(String source, int lineNo, String cell, int declaredClasses) {
    int l;
    try {
      l = Integer.parseInt(cell.trim());
    } catch (NumberFormatException e) {
      throw new DataFormatException(
          source + ":" + lineNo + ": label '" + cell + "' is not a non-negative integer");
    }
    if (l < 0 || (declaredClasses > 0 && l >= declaredClasses)) {
      throw new DataFormatException(
          source
              + ":"
              + lineNo
              + ": label "
              + l
              + " outside [0, "
              + (declaredClasses > 0 ? declaredClasses : "∞")
              + ")");
    }
    return l;
  }
}
