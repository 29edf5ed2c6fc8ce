package org.gossipbench.workloads.model;

/** {@link LogisticRegressionModel} with regularization μ (default {@value #DEFAULT_MU}). */
public final class LogisticRegressionBuilder implements ModelBuilder {
  public static final double DEFAULT_MU = 1e-4;
  private final double mu;

  public LogisticRegressionBuilder() {
    this(DEFAULT_MU);
  }

  public LogisticRegressionBuilder(double mu) {
    this.mu = mu;
  }

  @Override
  public String name() {
    return "logistic-regression";
  }

  @Override
  public String description() {
    return "multinomial logistic regression, mean cross-entropy + (μ/2)‖W‖², float64, pure Java"
        + " (option mu, default "
        + DEFAULT_MU
        + ")";
  }

  @Override
  public Model build(int[] sampleShape, int numClasses, long seed) {
    return new LogisticRegressionModel(Dl4jBuilder.featureCount(sampleShape), numClasses, mu);
  }
}
