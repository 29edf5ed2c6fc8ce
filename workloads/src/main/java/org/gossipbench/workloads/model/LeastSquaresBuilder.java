package org.gossipbench.workloads.model;

/** {@link LeastSquaresModel} with regularization μ (default {@value #DEFAULT_MU}). */
public final class LeastSquaresBuilder implements ModelBuilder {
  public static final double DEFAULT_MU = 1e-3;
  private final double mu;

  public LeastSquaresBuilder() {
    this(DEFAULT_MU);
  }

  public LeastSquaresBuilder(double mu) {
    this.mu = mu;
  }

  @Override
  public String name() {
    return "least-squares";
  }

  @Override
  public String description() {
    return "ridge least squares (1/2m)Σ(aᵀx−y)² + (μ/2)‖x‖², float64, pure Java (option mu, default "
        + DEFAULT_MU
        + ")";
  }

  @Override
  public Model build(int[] sampleShape, int numClasses, long seed) {
    return new LeastSquaresModel(Dl4jBuilder.featureCount(sampleShape), mu);
  }
}
