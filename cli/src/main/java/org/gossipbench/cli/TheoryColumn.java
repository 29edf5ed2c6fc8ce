package org.gossipbench.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.gossipbench.results.TheoryPoint;

/**
 * The columns {@code gossipbench theory} can print for a check's points, by the names each {@link
 * org.gossipbench.workloads.theory.TheoryCheck#tableColumns} lists. A cell may read the check's
 * other points (the error above the b2 = 0 floor does). Numbers are in full precision for CSV and
 * to four significant digits for people; a missing value is "-".
 */
enum TheoryColumn {
  ALGORITHM("algorithm", false, (p, c) -> p.point().algorithm()),
  TOPOLOGY("topology", false, (p, c) -> p.point().topology() == null ? "-" : p.point().topology()),
  N("n", true, (p, c) -> Integer.toString(p.point().n())),
  B2("b2", true, (p, c) -> c.number(p.point().b2())),
  RHO("rho", true, (p, c) -> c.number(p.point().rho())),
  RHO_TERM(
      "rho2/(1-rho)2",
      true,
      (p, c) -> {
        Double rho = p.point().rho();
        return rho == null ? "-" : c.number(rho * rho / ((1 - rho) * (1 - rho)));
      }),
  ITERATIONS("iterations", true, (p, c) -> Long.toString(p.point().iterations())),
  MEASURED("measured", true, (p, c) -> c.number(p.point().measuredError())),
  EXACT("exact", true, (p, c) -> c.number(p.point().exactError())),
  RATIO(
      "measured/exact",
      true,
      (p, c) ->
          p.point().exactError() == null
              ? "-"
              : c.number(p.point().measuredError() / p.point().exactError())),
  ABOVE_FLOOR(
      "above floor",
      true,
      (p, c) -> {
        TheoryPoint floor = p.floor();
        return floor == null ? "-" : c.number(p.point().measuredError() - floor.measuredError());
      }),
  N_TIMES_MEASURED(
      "n*measured", true, (p, c) -> c.number(p.point().n() * p.point().measuredError())),
  TRANSIENT(
      "transient",
      true,
      (p, c) -> {
        TheoryPoint t = p.point();
        if (t.factor() == null) {
          return "-";
        }
        return t.transientIterations() == null
            ? "> " + t.iterations()
            : Long.toString(t.transientIterations());
      }),
  PREDICTED_TRANSIENT(
      "predicted transient", true, (p, c) -> c.number(p.point().predictedTransientIterations()));

  /** A point with the others of its check. */
  record Cell(TheoryPoint point, List<TheoryPoint> check) {
    /**
     * The same algorithm's point on the same graph and n with the check's smallest b2 (b2 = 0 to
     * rounding), if that is not the point itself.
     */
    TheoryPoint floor() {
      TheoryPoint floor = null;
      for (TheoryPoint q : check) {
        if (q.algorithm().equals(point.algorithm())
            && Objects.equals(q.topology(), point.topology())
            && q.n() == point.n()
            && (floor == null || q.b2() < floor.b2())) {
          floor = q;
        }
      }
      return floor == null || floor.b2() == point.b2() ? null : floor;
    }
  }

  /** Formats numbers for one output format. */
  record Numbers(OutputFormat format) {
    String number(Double value) {
      if (value == null) {
        return "-";
      }
      return format == OutputFormat.csv ? Formats.roundTrip(value) : Formats.significant(value, 4);
    }
  }

  private final String label;
  private final boolean rightAligned;
  private final BiFunction<Cell, Numbers, String> cell;

  TheoryColumn(String label, boolean rightAligned, BiFunction<Cell, Numbers, String> cell) {
    this.label = label;
    this.rightAligned = rightAligned;
    this.cell = cell;
  }

  String label() {
    return label;
  }

  boolean rightAligned() {
    return rightAligned;
  }

  String cell(TheoryPoint point, List<TheoryPoint> check, OutputFormat format) {
    return cell.apply(new Cell(point, check), new Numbers(format));
  }

  /**
   * @throws IllegalStateException for a name no column has (a check listing a column this build
   *     does not print is a bug, reported as such)
   */
  static TheoryColumn byLabel(String label) {
    return Arrays.stream(values())
        .filter(c -> c.label.equals(label))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no theory column '" + label + "'"));
  }
}
