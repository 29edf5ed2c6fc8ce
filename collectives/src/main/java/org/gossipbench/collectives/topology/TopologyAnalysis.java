package org.gossipbench.collectives.topology;

import java.util.OptionalInt;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Computes {@link TopologyProperties} with EJML's dense decompositions. Uses that for a doubly
 * stochastic W, W − 11ᵀ/n acts as W on 1^⊥ and as 0 on span(1): its spectral norm is ρ and its
 * spectral radius is the second-largest eigenvalue modulus of W, so neither needs the eigenvalue 1
 * to be identified numerically.
 *
 * <p>A {@link Mixing#COLUMN_STOCHASTIC} topology has no fixed average to converge to: push-sum's
 * ratio x_i/w_i is exact once every column of the product P agrees, P = π1ᵀ. Its quantities are
 * taken of P(I − 11ᵀ/n) (each row minus its mean), which is P − 11ᵀ/n when P is doubly stochastic:
 * ρ = max_k ||W^(k)(I − 11ᵀ/n)||₂ (which may exceed 1 for a single matrix), 1 − the spectral radius
 * of P(I − 11ᵀ/n) as the gap (its non-zero eigenvalues are those of P other than the Perron root,
 * as 1ᵀ P = 1ᵀ), and exactness by ||P(I − 11ᵀ/n)||_F.
 *
 * <p>Cost is dominated by one O(n³) decomposition per distinct matrix: about 1 s at n = 1024 for an
 * SVD, and about 9 s for a general non-symmetric eigendecomposition, which only non-normal matrices
 * need.
 */
public final class TopologyAnalysis {
  /** Frobenius distance to 11ᵀ/n below which a product counts as the exact average. */
  public static final double EXACT_TOLERANCE = 1e-10;

  private TopologyAnalysis() {}

  public static TopologyProperties analyze(Topology topology) {
    if (topology.mixing() == Mixing.COLUMN_STOCHASTIC) {
      return analyzeColumnStochastic(topology);
    }
    int n = topology.size();
    int window = TopologyValidator.window(topology);
    int maxDegree = 0;
    double rho = 0.0;
    for (int k = 0; k < window; k++) {
      WeightMatrix w = topology.weights(k);
      maxDegree = Math.max(maxDegree, w.maxInDegree());
      if (!topology.isTimeVarying() || k == 0 || !w.equals(topology.weights(k - 1))) {
        rho = Math.max(rho, rho(w));
      }
    }

    Products products = walkProducts(topology, window, TopologyAnalysis::distanceToAverage);
    OptionalInt exactRound = products.exactRound();
    DMatrixRMaj windowProduct = products.window();

    double rhoOfProduct;
    double slemOfProduct;
    if (distanceToAverage(windowProduct) <= EXACT_TOLERANCE) {
      rhoOfProduct = 0.0;
      slemOfProduct = 0.0;
    } else if (!topology.isTimeVarying()) {
      rhoOfProduct = rho;
      slemOfProduct = slem(topology.weights(0));
    } else {
      subtractAverage(windowProduct);
      rhoOfProduct = spectralNorm(windowProduct);
      slemOfProduct =
          MatrixFeatures_DDRM.isSymmetric(windowProduct, 1e-13)
              ? rhoOfProduct
              : spectralRadius(windowProduct);
    }
    return new TopologyProperties(
        topology.name(),
        n,
        maxDegree,
        topology.isTimeVarying(),
        topology.period(),
        window,
        rho,
        1.0 - slemOfProduct,
        rhoOfProduct,
        exactRound,
        topology.caveat());
  }

  private static TopologyProperties analyzeColumnStochastic(Topology topology) {
    int n = topology.size();
    int window = TopologyValidator.window(topology);
    int maxDegree = 0;
    double rho = 0.0;
    for (int k = 0; k < window; k++) {
      WeightMatrix w = topology.weights(k);
      maxDegree = Math.max(maxDegree, w.maxInDegree());
      rho = Math.max(rho, spectralNorm(withoutRowMeans(dense(w))));
    }
    Products products = walkProducts(topology, window, TopologyAnalysis::columnDisagreement);
    OptionalInt exactRound = products.exactRound();
    DMatrixRMaj windowProduct = products.window();
    DMatrixRMaj deviation = withoutRowMeans(windowProduct);
    boolean exact = columnDisagreement(windowProduct) <= EXACT_TOLERANCE;
    double rhoOfProduct = exact ? 0.0 : spectralNorm(deviation);
    double radius = exact ? 0.0 : spectralRadius(deviation);
    return new TopologyProperties(
        topology.name(),
        n,
        maxDegree,
        topology.isTimeVarying(),
        topology.period(),
        window,
        rho,
        1.0 - radius,
        topology.isTimeVarying() ? rhoOfProduct : rho,
        exactRound,
        topology.caveat());
  }

  /** The first round whose product is exact (if any), and the product over one window. */
  private record Products(OptionalInt exactRound, DMatrixRMaj window) {}

  /**
   * Walks the product P = W^(r−1)…W^(0) for up to two windows, noting the first round whose
   * distance from exactness is within {@link #EXACT_TOLERANCE}; keeps the one-window product for
   * its spectrum.
   */
  private static Products walkProducts(
      Topology topology, int window, java.util.function.ToDoubleFunction<DMatrixRMaj> distance) {
    int n = topology.size();
    DMatrixRMaj product = identity(n);
    DMatrixRMaj scratch = new DMatrixRMaj(n, n);
    DMatrixRMaj windowProduct = null;
    OptionalInt exactRound =
        distance.applyAsDouble(product) <= EXACT_TOLERANCE
            ? OptionalInt.of(0)
            : OptionalInt.empty();
    for (int r = 1; r <= 2 * window && (windowProduct == null || exactRound.isEmpty()); r++) {
      leftMultiply(topology.weights(r - 1), product, scratch);
      DMatrixRMaj swap = product;
      product = scratch;
      scratch = swap;
      if (exactRound.isEmpty() && distance.applyAsDouble(product) <= EXACT_TOLERANCE) {
        exactRound = OptionalInt.of(r);
      }
      if (r == window) {
        windowProduct = product.copy();
      }
    }
    return new Products(exactRound, windowProduct);
  }

  private static DMatrixRMaj dense(WeightMatrix w) {
    int n = w.size();
    DMatrixRMaj d = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int p = w.rowStart(i); p < w.rowEnd(i); p++) {
        d.unsafe_set(i, w.column(p), w.weight(p));
      }
    }
    return d;
  }

  /** M(I − 11ᵀ/n): a copy of m with each row's mean subtracted from it. */
  private static DMatrixRMaj withoutRowMeans(DMatrixRMaj m) {
    DMatrixRMaj d = m.copy();
    int n = d.numCols;
    for (int i = 0; i < d.numRows; i++) {
      double mean = 0.0;
      for (int j = 0; j < n; j++) {
        mean += d.unsafe_get(i, j);
      }
      mean /= n;
      for (int j = 0; j < n; j++) {
        d.unsafe_set(i, j, d.unsafe_get(i, j) - mean);
      }
    }
    return d;
  }

  /** ||P(I − 11ᵀ/n)||_F: zero exactly when every column of P is the same. */
  private static double columnDisagreement(DMatrixRMaj p) {
    DMatrixRMaj d = withoutRowMeans(p);
    double sum = 0.0;
    for (double v : d.data) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }

  /** ρ(W) = ||W − 11ᵀ/n||₂. */
  public static double rho(WeightMatrix w) {
    return spectralNorm(deviationFromAverage(w));
  }

  /** Second-largest eigenvalue modulus of W (the spectral radius of W − 11ᵀ/n). */
  public static double slem(WeightMatrix w) {
    DMatrixRMaj d = deviationFromAverage(w);
    // For a normal matrix (symmetric ones, circulant graphs) the singular values are the
    // eigenvalue moduli, and an SVD is ~10x cheaper than a non-symmetric eigendecomposition.
    // (EJML's symmetric QR eigensolver failed to converge on the 1024-node star, so symmetric
    // matrices take the SVD as well.)
    return w.isSymmetric() || isNormal(w) ? spectralNorm(d) : spectralRadius(d);
  }

  /** The dense matrix W − 11ᵀ/n. */
  static DMatrixRMaj deviationFromAverage(WeightMatrix w) {
    DMatrixRMaj d = dense(w);
    subtractAverage(d);
    return d;
  }

  private static void subtractAverage(DMatrixRMaj m) {
    double avg = 1.0 / m.numRows;
    double[] data = m.data;
    for (int e = 0; e < data.length; e++) {
      data[e] -= avg;
    }
  }

  private static double spectralNorm(DMatrixRMaj m) {
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
    if (!svd.decompose(m.copy())) {
      throw new IllegalStateException(
          "SVD did not converge for a " + m.numRows + "x" + m.numCols + " matrix");
    }
    double max = 0.0;
    for (double s : svd.getSingularValues()) {
      max = Math.max(max, s);
    }
    return max;
  }

  private static double spectralRadius(DMatrixRMaj m) {
    EigenDecomposition_F64<DMatrixRMaj> eig =
        DecompositionFactory_DDRM.eig(m.numRows, false, false);
    if (!eig.decompose(m.copy())) {
      throw new IllegalStateException(
          "eigendecomposition did not converge for a " + m.numRows + "x" + m.numCols + " matrix");
    }
    double max = 0.0;
    for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
      Complex_F64 lambda = eig.getEigenvalue(i);
      max = Math.max(max, lambda.getMagnitude());
    }
    return max;
  }

  /**
   * W Wᵀ = Wᵀ W, compared sparsely (only sparse W is worth checking; dense ones take the general
   * path).
   */
  static boolean isNormal(WeightMatrix w) {
    int n = w.size();
    if (w.nonZeros() > 64L * n) {
      return false;
    }
    WeightMatrix t = w.transpose();
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      accumulateRow(w, t, i, a);
      accumulateRow(t, w, i, b);
      for (int j = 0; j < n; j++) {
        if (Math.abs(a[j] - b[j]) > 1e-13) {
          return false;
        }
        a[j] = 0.0;
        b[j] = 0.0;
      }
    }
    return true;
  }

  /** Row i of L·R into acc (acc must be zero on entry). */
  private static void accumulateRow(WeightMatrix left, WeightMatrix right, int i, double[] acc) {
    for (int p = left.rowStart(i); p < left.rowEnd(i); p++) {
      double a = left.weight(p);
      int mid = left.column(p);
      for (int q = right.rowStart(mid); q < right.rowEnd(mid); q++) {
        acc[right.column(q)] += a * right.weight(q);
      }
    }
  }

  private static DMatrixRMaj identity(int n) {
    DMatrixRMaj m = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      m.unsafe_set(i, i, 1.0);
    }
    return m;
  }

  /** out = W·P for sparse W and dense P: O(nnz(W)·n). */
  private static void leftMultiply(WeightMatrix w, DMatrixRMaj p, DMatrixRMaj out) {
    int n = w.size();
    double[] src = p.data;
    double[] dst = out.data;
    java.util.Arrays.fill(dst, 0.0);
    for (int i = 0; i < n; i++) {
      int rowOut = i * n;
      for (int q = w.rowStart(i); q < w.rowEnd(i); q++) {
        double weight = w.weight(q);
        int rowIn = w.column(q) * n;
        for (int j = 0; j < n; j++) {
          dst[rowOut + j] += weight * src[rowIn + j];
        }
      }
    }
  }

  /** ||P − 11ᵀ/n||_F. */
  private static double distanceToAverage(DMatrixRMaj p) {
    double avg = 1.0 / p.numRows;
    double sum = 0.0;
    for (double v : p.data) {
      double d = v - avg;
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
}
