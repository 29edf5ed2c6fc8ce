package org.gossipbench.workloads.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.gossipbench.workloads.data.Dataset;

/**
 * Generates n nodes' least-squares data with a heterogeneity knob ζ. Node i's samples are a ~ N(0,
 * I_d) and y = aᵀx*_i + s·ε with ε ~ N(0, 1), where the local ground truths x*_i = x₀ + ζ·u_i are
 * shifted from a common x₀ ~ N(0, I_d) by directions u_i with Σ_i u_i = 0 and (1/n) Σ_i ‖u_i‖² = 1,
 * so ζ² is the mean squared shift. The exact optimum of f = (1/n) Σ f_i is solved in closed form
 * (Cholesky of (1/n) Σ_i A_iᵀA_i/m + μI, EJML) from the float data as stored.
 *
 * <p>With noise s = 0 and μ = 0, b² = 0 at ζ = 0 (every node's data is consistent with x₀, up to
 * float rounding of the targets) and b² grows exactly as ζ². With noise, finite samples make the
 * nodes differ even at ζ = 0; with μ > 0, differing local Hessians do. Every random draw comes from
 * {@code seed}.
 *
 * @param nodes n
 * @param samplesPerNode m, rows per node
 * @param dimension d
 * @param zeta ζ, the heterogeneity knob
 * @param noise s, the label noise standard deviation
 * @param mu μ, the ridge regularization of the objective
 * @param heldOutSamples held-out rows in total (split evenly over the nodes' distributions)
 * @param seed the seed of every draw
 */
public record HeterogeneousLeastSquares(
    int nodes,
    int samplesPerNode,
    int dimension,
    double zeta,
    double noise,
    double mu,
    int heldOutSamples,
    long seed) {

  public HeterogeneousLeastSquares {
    if (nodes < 1 || samplesPerNode < 1 || dimension < 1 || heldOutSamples < 0) {
      throw new IllegalArgumentException(
          "need nodes, samples per node, dimension >= 1 and held-out >= 0; got "
              + nodes
              + ", "
              + samplesPerNode
              + ", "
              + dimension
              + ", "
              + heldOutSamples);
    }
    if (!(zeta >= 0) || !(noise >= 0) || !(mu >= 0)) {
      throw new IllegalArgumentException(
          "zeta, noise and mu must be >= 0; got " + zeta + ", " + noise + ", " + mu);
    }
  }

  public LeastSquaresProblem generate() {
    Random rng = new Random(seed);
    int d = dimension;
    double[][] truth = ShiftedTruths.draw(rng, nodes, d, zeta);
    List<Dataset> local = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      local.add(sample("synthetic-ls-node" + i, rng, truth[i], samplesPerNode));
    }
    Dataset heldOut = heldOut(rng, truth);

    DMatrixRMaj h = new DMatrixRMaj(d, d);
    DMatrixRMaj c = new DMatrixRMaj(d, 1);
    DMatrixRMaj[] hi = new DMatrixRMaj[nodes];
    DMatrixRMaj[] ci = new DMatrixRMaj[nodes];
    for (int i = 0; i < nodes; i++) {
      DMatrixRMaj a = features(local.get(i));
      DMatrixRMaj y = targets(local.get(i));
      hi[i] = new DMatrixRMaj(d, d);
      ci[i] = new DMatrixRMaj(d, 1);
      CommonOps_DDRM.multTransA(1.0 / samplesPerNode, a, a, hi[i]);
      CommonOps_DDRM.multTransA(1.0 / samplesPerNode, a, y, ci[i]);
      CommonOps_DDRM.addEquals(h, 1.0 / nodes, hi[i]);
      CommonOps_DDRM.addEquals(c, 1.0 / nodes, ci[i]);
    }
    for (int k = 0; k < d; k++) {
      h.add(k, k, mu);
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(d);
    if (!solver.setA(h.copy())) {
      throw new IllegalArgumentException(
          "the least-squares Hessian is singular (too few samples for d="
              + d
              + " and mu=0): add samples or set mu > 0");
    }
    DMatrixRMaj x = new DMatrixRMaj(d, 1);
    solver.solve(c, x);

    double[][] localGradients = new double[nodes][d];
    double[] globalGradient = new double[d];
    DMatrixRMaj gi = new DMatrixRMaj(d, 1);
    for (int i = 0; i < nodes; i++) {
      CommonOps_DDRM.mult(hi[i], x, gi);
      for (int k = 0; k < d; k++) {
        localGradients[i][k] = gi.get(k) - ci[i].get(k) + mu * x.get(k);
        globalGradient[k] += localGradients[i][k] / nodes;
      }
    }
    double b2 = 0;
    for (double[] g : localGradients) {
      for (int k = 0; k < d; k++) {
        double e = g[k] - globalGradient[k];
        b2 += e * e;
      }
    }
    b2 /= nodes;

    double value = 0;
    double noiseSum = 0;
    double xNorm2 = CommonOps_DDRM.dot(x, x);
    for (int i = 0; i < nodes; i++) {
      Dataset ds = local.get(i);
      float[] a = ds.features();
      float[] y = ds.targets();
      double sq = 0;
      double var = 0;
      for (int j = 0; j < samplesPerNode; j++) {
        double r = -y[j];
        for (int k = 0; k < d; k++) {
          r += a[j * d + k] * x.get(k);
        }
        sq += r * r;
        for (int k = 0; k < d; k++) {
          double e = r * a[j * d + k] + mu * x.get(k) - localGradients[i][k];
          var += e * e;
        }
      }
      value += (0.5 * sq / samplesPerNode + 0.5 * mu * xNorm2) / nodes;
      noiseSum += var / samplesPerNode / nodes;
    }
    return new LeastSquaresProblem(
        List.copyOf(local), heldOut, mu, x.getData().clone(), value, b2, noiseSum);
  }

  private Dataset heldOut(Random rng, double[][] truth) {
    int d = dimension;
    float[] f = new float[heldOutSamples * d];
    float[] t = new float[heldOutSamples];
    for (int j = 0; j < heldOutSamples; j++) {
      fillRow(rng, truth[j % nodes], f, t, j);
    }
    return new Dataset("synthetic-ls-heldout", f, new int[heldOutSamples], t, new int[] {d}, 0);
  }

  private Dataset sample(String name, Random rng, double[] truth, int rows) {
    float[] f = new float[rows * dimension];
    float[] t = new float[rows];
    for (int j = 0; j < rows; j++) {
      fillRow(rng, truth, f, t, j);
    }
    return new Dataset(name, f, new int[rows], t, new int[] {dimension}, 0);
  }

  private void fillRow(Random rng, double[] truth, float[] f, float[] t, int j) {
    double y = 0;
    for (int k = 0; k < dimension; k++) {
      float a = (float) rng.nextGaussian();
      f[j * dimension + k] = a;
      y += a * truth[k];
    }
    t[j] = (float) (y + noise * rng.nextGaussian());
  }

  private static DMatrixRMaj features(Dataset ds) {
    int rows = ds.size();
    int d = ds.featureCount();
    DMatrixRMaj a = new DMatrixRMaj(rows, d);
    float[] f = ds.features();
    for (int i = 0; i < f.length; i++) {
      a.data[i] = f[i];
    }
    return a;
  }

  private static DMatrixRMaj targets(Dataset ds) {
    DMatrixRMaj y = new DMatrixRMaj(ds.size(), 1);
    float[] t = ds.targets();
    for (int i = 0; i < t.length; i++) {
      y.data[i] = t[i];
    }
    return y;
  }
}
