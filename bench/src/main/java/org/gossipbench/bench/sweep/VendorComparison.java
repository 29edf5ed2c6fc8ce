package org.gossipbench.bench.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The table of {@code ci/vendor-compare.sh}: our collectives beside Open MPI's C library, measured
 * in one run, as ratios. The script leaves one CSV per (ranks, operation, side) in a directory,
 * named {@code n<ranks>_<op>_<side>.csv}: side {@code mpi} is {@code ci/vendor-bench.c}'s output
 * ({@code op,ranks,bytes,median_us,min_us,max_us,wrong}), every other side is {@code gossipbench
 * collectives --format csv}'s ({@code size,count,type,redop,time_us,min_us,max_us,…,wrong,…}), and
 * several runs of one size may be appended to a file (the script interleaves the two sides size by
 * size). Each of our sides is set against the {@code mpi} side of the same ranks and operation,
 * size by size; a size measured more than once keeps the median of its medians.
 *
 * <p>{@code gossipbench results vendor DIR [--goal RATIO]} prints the markdown table and, with a
 * goal ratio, one line per side saying at which sizes ours took longer than RATIO × Open MPI's
 * time.
 */
public final class VendorComparison {
  private static final Pattern FILE = Pattern.compile("n(\\d+)_([a-z0-9-]+)_([a-z0-9-]+)\\.csv");

  /** One size of one side: the median time of the slowest rank and the wrong elements. */
  public record Point(long bytes, double medianMicros, long wrong) {}

  /** One line of the table. */
  public record Row(int ranks, String op, String side, long bytes, Point ours, Point vendor) {
    public double ratio() {
      return ours.medianMicros() / vendor.medianMicros();
    }
  }

  private VendorComparison() {}

  /** Reads every {@code n*_*_*.csv} of {@code dir} and pairs our sides with Open MPI's. */
  public static List<Row> read(Path dir) {
    Map<String, Map<Long, Point>> vendor = new TreeMap<>();
    Map<String, Map<Long, Point>> ours = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        Matcher m = FILE.matcher(f.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        String key = m.group(1) + "_" + m.group(2);
        if (m.group(3).equals("mpi")) {
          vendor.put(key, parseVendor(f));
        } else {
          ours.put(key + "_" + m.group(3), parseOurs(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Map<Long, Point>> e : ours.entrySet()) {
      String[] k = e.getKey().split("_");
      Map<Long, Point> v = vendor.get(k[0] + "_" + k[1]);
      if (v == null) {
        throw new IllegalArgumentException(
            "no Open MPI file n" + k[0] + "_" + k[1] + "_mpi.csv to compare " + e.getKey() + " to");
      }
      for (Point p : e.getValue().values()) {
        Point q = v.get(p.bytes());
        if (q != null) {
          rows.add(new Row(Integer.parseInt(k[0]), k[1], k[2], p.bytes(), p, q));
        }
      }
    }
    rows.sort(
        Comparator.comparing(Row::op)
            .thenComparingInt(Row::ranks)
            .thenComparingLong(Row::bytes)
            .thenComparing(Row::side));
    return rows;
  }

  /** vendor-bench.c: {@code op,ranks,bytes,median_us,min_us,max_us,wrong}. */
  static Map<Long, Point> parseVendor(Path f) {
    return parse(f, "bytes", "median_us", "wrong");
  }

  /** gossipbench collectives --format csv: {@code size,…,time_us,…,wrong,…}. */
  static Map<Long, Point> parseOurs(Path f) {
    return parse(f, "size", "time_us", "wrong");
  }

  private static Map<Long, Point> parse(
      Path f, String bytesColumn, String timeColumn, String wrongColumn) {
    List<String> lines;
    try {
      lines = Files.readAllLines(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
    }
    Map<Long, List<Point>> runs = new TreeMap<>();
    int[] columns = null;
    for (String line : lines) {
      String[] cells = line.strip().split(",");
      if (cells.length < 3) {
        continue; // blank lines and anything a launcher printed around the table
      }
      List<String> cellList = Arrays.asList(cells);
      if (cellList.contains(bytesColumn)) {
        columns =
            new int[] {
              cellList.indexOf(bytesColumn),
              cellList.indexOf(timeColumn),
              cellList.indexOf(wrongColumn)
            };
        if (Arrays.stream(columns).anyMatch(c -> c < 0)) {
          throw new IllegalArgumentException(
              f
                  + ": expected columns "
                  + bytesColumn
                  + ", "
                  + timeColumn
                  + ", "
                  + wrongColumn
                  + " in its header, got: "
                  + line.strip());
        }
        continue;
      }
      if (columns == null) {
        throw new IllegalArgumentException(f + ": a data row before any header: " + line.strip());
      }
      try {
        long bytes = Long.parseLong(cells[columns[0]]);
        double micros = Double.parseDouble(cells[columns[1]]);
        long wrong = Long.parseLong(cells[columns[2]]);
        runs.computeIfAbsent(bytes, b -> new ArrayList<>()).add(new Point(bytes, micros, wrong));
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IllegalArgumentException(f + ": not a row of numbers: " + line.strip(), e);
      }
    }
    Map<Long, Point> points = new TreeMap<>();
    for (Map.Entry<Long, List<Point>> e : runs.entrySet()) {
      double[] medians = e.getValue().stream().mapToDouble(Point::medianMicros).toArray();
      long wrong = e.getValue().stream().mapToLong(Point::wrong).sum();
      points.put(e.getKey(), new Point(e.getKey(), Statistics.median(medians), wrong));
    }
    return points;
  }

  /** The markdown table: one line per (op, ranks, size, our side). */
  public static String table(List<Row> rows) {
    StringBuilder s = new StringBuilder();
    s.append(
        "| op | n | size | ours | Open MPI (ms) | ours (ms) | ours / MPI | #wrong ours, MPI |\n");
    s.append("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |\n");
    for (Row r : rows) {
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %s | %s | %.2f | %d, %d |%n",
              r.op(),
              r.ranks(),
              size(r.bytes()),
              r.side(),
              millis(r.vendor().medianMicros()),
              millis(r.ours().medianMicros()),
              r.ratio(),
              r.ours().wrong(),
              r.vendor().wrong()));
    }
    return s.toString();
  }

  /** Per (op, side): the sizes where ours took longer than {@code goal} × Open MPI's time. */
  public static String goal(List<Row> rows, double goal) {
    Map<String, List<Row>> bySide = new TreeMap<>();
    for (Row r : rows) {
      bySide.computeIfAbsent(r.op() + " " + r.side(), k -> new ArrayList<>()).add(r);
    }
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, List<Row>> e : bySide.entrySet()) {
      List<String> missed =
          e.getValue().stream()
              .filter(r -> r.ratio() > goal)
              .map(
                  r ->
                      "n="
                          + r.ranks()
                          + " "
                          + size(r.bytes())
                          + String.format(Locale.ROOT, " (%.2f)", r.ratio()))
              .toList();
      s.append(
          String.format(
              Locale.ROOT,
              "%s: %d of %d sizes within %.2f× Open MPI%s%n",
              e.getKey(),
              e.getValue().size() - missed.size(),
              e.getValue().size(),
              goal,
              missed.isEmpty() ? "" : "; above it: " + String.join(", ", missed)));
    }
    return s.toString();
  }

  private static String size(long bytes) {
    if (bytes % (1 << 20) == 0) {
      return bytes / (1 << 20) + " MiB";
    }
    return bytes % (1 << 10) == 0 ? bytes / (1 << 10) + " KiB" : bytes + " B";
  }

  private static String millis(double micros) {
    double ms = micros / 1000;
    return String.format(Locale.ROOT, ms < 1 ? "%.3f" : ms < 100 ? "%.2f" : "%.0f", ms);
  }
}
