package org.gossipbench.workloads.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * The one place model names map to builders. A spec is a name, optionally followed by {@code
 * :mu=<value>} for the convex models (e.g. {@code least-squares:mu=0.01}); the same names appear in
 * the CLI, in JMH parameters and in the Arrow logs.
 */
public final class ModelRegistry {
  private static final Map<String, Supplier<ModelBuilder>> BUILDERS = new LinkedHashMap<>();
  private static final Map<String, DoubleFunction<ModelBuilder>> REGULARIZED =
      new LinkedHashMap<>();

  static {
    BUILDERS.put("mlp", MlpBuilder::new);
    BUILDERS.put("lenet", LeNetBuilder::new);
    BUILDERS.put("resnet", ResNetBuilder::new);
    BUILDERS.put("resnet50", ResNet50Builder::new);
    BUILDERS.put("bert-base", org.gossipbench.workloads.model.bert.BertBuilder::base);
    BUILDERS.put("bert-large", org.gossipbench.workloads.model.bert.BertBuilder::large);
    BUILDERS.put("logistic-regression", LogisticRegressionBuilder::new);
    BUILDERS.put("least-squares", LeastSquaresBuilder::new);
    REGULARIZED.put("logistic-regression", LogisticRegressionBuilder::new);
    REGULARIZED.put("least-squares", LeastSquaresBuilder::new);
  }

  private ModelRegistry() {}

  /** The builder for {@code spec}; a one-line {@link IllegalArgumentException} if unknown. */
  public static ModelBuilder builder(String spec) {
    int colon = spec.indexOf(':');
    String name = colon < 0 ? spec : spec.substring(0, colon);
    Supplier<ModelBuilder> plain = BUILDERS.get(name);
    if (plain == null) {
      throw new IllegalArgumentException(
          "unknown model '" + name + "'; known: " + String.join(", ", BUILDERS.keySet()));
    }
    if (colon < 0) {
      return plain.get();
    }
    String option = spec.substring(colon + 1);
    DoubleFunction<ModelBuilder> regularized = REGULARIZED.get(name);
    if (regularized == null || !option.startsWith("mu=")) {
      throw new IllegalArgumentException(
          "model '"
              + name
              + "' takes no option '"
              + option
              + "'"
              + (regularized == null ? "" : "; it takes mu=<value>"));
    }
    double mu;
    try {
      mu = Double.parseDouble(option.substring(3));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("model '" + name + "': mu is not a number: " + option);
    }
    if (!(mu >= 0) || Double.isInfinite(mu)) {
      throw new IllegalArgumentException("model '" + name + "': mu must be >= 0, got " + mu);
    }
    return regularized.apply(mu);
  }

  /** Name → one-sentence description, in registration order (for {@code train --list}). */
  public static Map<String, String> descriptions() {
    Map<String, String> out = new LinkedHashMap<>();
    BUILDERS.forEach((name, b) -> out.put(name, b.get().description()));
    return out;
  }

  public static java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(BUILDERS.keySet());
  }
}
