package org.gossipbench.workloads.theory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gossipbench.results.TheoryFit;

/**
 * The one place check names map to their classes, in the order {@code gossipbench theory} runs and
 * prints them; the same names appear in {@code --check} and in the Arrow {@code check} column.
 */
public final class TheoryChecks {
  private static final Map<String, TheoryCheck> BY_NAME = new LinkedHashMap<>();

  static {
    for (TheoryCheck c :
        List.of(
            new DsgdHeterogeneityCheck(),
            new BiasCorrectionCheck(),
            new DsgdTopologyCheck(),
            new PsgdSpeedupCheck(),
            new TransientCheck())) {
      BY_NAME.put(c.name(), c);
    }
  }

  private TheoryChecks() {}

  public static List<TheoryCheck> all() {
    return List.copyOf(BY_NAME.values());
  }

  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /** Runs {@code check} and stamps its wall time on this machine into every fit. */
  public static TheoryReport run(TheoryCheck check, TheorySettings settings) {
    long start = System.nanoTime();
    TheoryReport r = check.run(settings);
    long wall = System.nanoTime() - start;
    return new TheoryReport(
        r.points(),
        r.fits().stream()
            .map(
                f ->
                    new TheoryFit(
                        f.check(),
                        f.quantity(),
                        f.algorithm(),
                        f.topology(),
                        f.fittedSlope(),
                        f.predictedSlope(),
                        f.relation(),
                        f.r2(),
                        f.intercept(),
                        f.points(),
                        wall))
            .toList());
  }

  /**
   * @throws IllegalArgumentException naming the known checks
   */
  public static TheoryCheck get(String name) {
    TheoryCheck c = BY_NAME.get(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "unknown check '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
    }
    return c;
  }
}
