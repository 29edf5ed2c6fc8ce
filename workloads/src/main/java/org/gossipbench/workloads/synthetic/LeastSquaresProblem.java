package org.gossipbench.workloads.synthetic;

import java.util.List;
import org.gossipbench.workloads.data.Dataset;

/**
 * A generated decentralized least-squares problem with its exact solution: node i holds {@code
 * nodeData.get(i)} and f(x) = (1/n) Σ_i f_i(x), f_i(x) = (1/2m) Σ_j (a_ijᵀx − y_ij)² + (μ/2)‖x‖²,
 * the objective of {@link org.gossipbench.workloads.model.LeastSquaresModel}. All quantities are
 * computed in double from the float values actually stored in the datasets.
 *
 * @param nodeData node i's local dataset (features {d}, targets set, numClasses 0)
 * @param heldOut held-out samples, drawn equally from every node's distribution
 * @param mu the regularization the optimum was computed for
 * @param optimum x* = argmin f (the unique solution of ∇f(x) = 0)
 * @param optimalValue f(x*)
 * @param heterogeneity b² = (1/n) Σ_i ‖∇f_i(x*) − ∇f(x*)‖² (SPEC &sect;1)
 * @param perSampleNoise (1/n) Σ_i (1/m) Σ_j ‖∇F(x*; ξ_ij) − ∇f_i(x*)‖², the single-sample gradient
 *     variance at x*; see {@link #gradientNoise(int)}
 */
public record LeastSquaresProblem(
    List<Dataset> nodeData,
    Dataset heldOut,
    double mu,
    double[] optimum,
    double optimalValue,
    double heterogeneity,
    double perSampleNoise) {

  /**
   * σ² at x* for mini-batches of {@code batchSize} rows drawn uniformly with replacement from the
   * local data: the single-sample variance divided by the batch size (without replacement it is
   * smaller by the factor (m − B)/(m − 1)).
   */
  public double gradientNoise(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    return perSampleNoise / batchSize;
  }

  public int nodes() {
    return nodeData.size();
  }

  public int dimension() {
    return optimum.length;
  }
}
