package org.gossipbench.workloads.theory;

import java.util.List;

/**
 * One statement of SPEC &sect;4 checked by measurement: it runs production algorithms on the
 * heterogeneous quadratic and returns the points it measured and the slopes it fitted to them. A
 * new check is one class and one line in {@link TheoryChecks}.
 */
public interface TheoryCheck {

  /** The name on the command line and in the Arrow {@code check} column, e.g. {@code dsgd-b2}. */
  String name();

  /** One sentence: what the check shows. */
  String description();

  /**
   * The columns of its table, by the names of {@code gossipbench theory}'s column vocabulary, e.g.
   * {@code b2}, {@code measured}, {@code exact}: the quantities that show what the check shows.
   */
  List<String> tableColumns();

  /** Runs the check; deterministic in {@code settings}. */
  TheoryReport run(TheorySettings settings);
}
