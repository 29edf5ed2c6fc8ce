package org.gossipbench.workloads.theory;

import java.util.List;
import org.gossipbench.results.TheoryFit;
import org.gossipbench.results.TheoryPoint;

/** What a {@link TheoryCheck} measured (points, in run order) and fitted. */
public record TheoryReport(List<TheoryPoint> points, List<TheoryFit> fits) {
  public TheoryReport {
    points = List.copyOf(points);
    fits = List.copyOf(fits);
  }
}
