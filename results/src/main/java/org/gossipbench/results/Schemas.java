package org.gossipbench.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The record kinds this build knows, by the name stored in each file. */
public final class Schemas {
  private static final Map<String, RecordSchema<?>> BY_KIND = new LinkedHashMap<>();

  static {
    for (RecordSchema<?> s :
        List.<RecordSchema<?>>of(
            CollectiveSchema.INSTANCE,
            TrainingStepSchema.INSTANCE,
            RunSummarySchema.INSTANCE,
            TheoryPointSchema.INSTANCE,
            TheoryFitSchema.INSTANCE,
            TopologyRowSchema.INSTANCE,
            ConsensusPointSchema.INSTANCE,
            ProjectionSchema.INSTANCE)) {
      BY_KIND.put(s.kind(), s);
    }
  }

  private Schemas() {}

  public static List<RecordSchema<?>> all() {
    return List.copyOf(BY_KIND.values());
  }

  /**
   * @throws ResultsException naming the known kinds
   */
  public static RecordSchema<?> forKind(String kind) {
    RecordSchema<?> s = BY_KIND.get(kind);
    if (s == null) {
      throw new ResultsException(
          "unknown record kind '" + kind + "'; known: " + String.join(", ", BY_KIND.keySet()));
    }
    return s;
  }

  static void requireKnownVersion(RecordSchema<?> schema, int version) {
    if (version < 1 || version > schema.version()) {
      throw new ResultsException(
          schema.kind()
              + " schema version "
              + version
              + " is not readable by this build (it reads 1.."
              + schema.version()
              + ")");
    }
  }
}
