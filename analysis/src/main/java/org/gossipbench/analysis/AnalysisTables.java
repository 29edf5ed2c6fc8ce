package org.gossipbench.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every table the report regenerates, by name, in report order. */
public final class AnalysisTables {
  private static final Map<String, AnalysisTable> BY_NAME = new LinkedHashMap<>();

  static {
    for (AnalysisTable t :
        List.of(
            new ConsensusTable(),
            new TopologyTable(),
            new CommunicationTable(),
            new ProjectedCommunicationTable(),
            new AccuracyTimeTable(),
            new LossTimeTable(),
            new ScalabilityTable(),
            new HeterogeneityTable(),
            new TheoryPointsTable(),
            new TheoryFitsTable(),
            new TransientTable())) {
      BY_NAME.put(t.name(), t);
    }
  }

  private AnalysisTables() {}

  public static List<AnalysisTable> all() {
    return List.copyOf(BY_NAME.values());
  }

  /**
   * @throws IllegalArgumentException naming the known tables
   */
  public static AnalysisTable get(String name) {
    AnalysisTable t = BY_NAME.get(name);
    if (t == null) {
      throw new IllegalArgumentException(
          "unknown table '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
    }
    return t;
  }
}
