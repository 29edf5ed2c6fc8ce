package org.gossipbench.workloads.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.LeastSquaresModel;
import org.junit.jupiter.api.Test;

class HeterogeneousLeastSquaresTest {
  private static final int N = 8;
  private static final int M = 60;
  private static final int D = 10;

  private static LeastSquaresProblem problem(double zeta, double noise, double mu) {
    return new HeterogeneousLeastSquares(N, M, D, zeta, noise, mu, 40, 42).generate();
  }

  /** (1/n) Σ_i ∇f_i(x) on every node's full data, through the model the trainer uses. */
  private static double[][] localGradients(LeastSquaresProblem p, double[] x) {
    LeastSquaresModel model = new LeastSquaresModel(D, p.mu());
    for (int k = 0; k < D; k++) {
      model.parameters().setDouble(k, x[k]);
    }
    double[][] out = new double[N][D];
    for (int i = 0; i < N; i++) {
      Dataset data = p.nodeData().get(i);
      Batch all = new Batch(M, D);
      for (int j = 0; j < M; j++) {
        all.add(data, j);
      }
      Buf g = Buf.allocate(DType.FLOAT64, D);
      model.gradient(all, g);
      for (int k = 0; k < D; k++) {
        out[i][k] = g.getDouble(k);
      }
    }
    return out;
  }

  @Test
  void shouldReturnAnOptimumWhereTheGlobalGradientVanishes() {
    LeastSquaresProblem p = problem(1.0, 0.1, 0.01);
    double[][] g = localGradients(p, p.optimum());
    double maxLocal = 0;
    for (int k = 0; k < D; k++) {
      double mean = 0;
      for (int i = 0; i < N; i++) {
        mean += g[i][k] / N;
        maxLocal = Math.max(maxLocal, Math.abs(g[i][k]));
      }
      assertEquals(0.0, mean, 1e-10, "component " + k);
    }
    assertTrue(maxLocal > 0.1, "local gradients do not vanish: " + maxLocal);
  }

  @Test
  void shouldReportTheObjectiveAndHeterogeneityTheModelComputes() {
    LeastSquaresProblem p = problem(0.5, 0.1, 0.01);
    double[][] g = localGradients(p, p.optimum());
    double b2 = 0;
    for (double[] gi : g) {
      for (double v : gi) {
        b2 += v * v / N;
      }
    }
    assertEquals(b2, p.heterogeneity(), 1e-9 * b2);
    LeastSquaresModel model = new LeastSquaresModel(D, p.mu());
    Buf x = Buf.allocate(DType.FLOAT64, D);
    double reg = 0;
    for (int k = 0; k < D; k++) {
      x.setDouble(k, p.optimum()[k]);
      reg += 0.5 * p.mu() * p.optimum()[k] * p.optimum()[k];
    }
    double f = 0;
    for (Dataset data : p.nodeData()) {
      f += (model.evaluate(x, data, 0, M).meanLoss() + reg) / N;
    }
    assertEquals(f, p.optimalValue(), 1e-12);
  }

  @Test
  void shouldHaveNoHeterogeneityWithoutShiftAndGrowItAsZetaSquared() {
    assertEquals(0.0, problem(0, 0, 0).heterogeneity(), 1e-10);
    double b1 = problem(1, 0, 0).heterogeneity();
    double b2 = problem(2, 0, 0).heterogeneity();
    double b4 = problem(4, 0, 0).heterogeneity();
    assertTrue(b1 > 0.1, "b² at ζ=1 is " + b1);
    assertEquals(4.0, b2 / b1, 1e-6);
    assertEquals(16.0, b4 / b1, 1e-6);
  }

  @Test
  void shouldShrinkGradientNoiseWithTheBatchSizeAndVanishWithoutNoiseAtZeta0() {
    LeastSquaresProblem p = problem(1, 0.5, 0.01);
    assertTrue(p.perSampleNoise() > 0);
    assertEquals(p.gradientNoise(1) / 8, p.gradientNoise(8), 1e-15);
    assertEquals(0.0, problem(0, 0, 0).perSampleNoise(), 1e-10);
  }

  @Test
  void shouldBeReproducibleFromTheSeed() {
    LeastSquaresProblem a = problem(1, 0.1, 0.01);
    LeastSquaresProblem b = problem(1, 0.1, 0.01);
    assertArrayEquals(a.optimum(), b.optimum());
    assertArrayEquals(a.nodeData().get(3).features(), b.nodeData().get(3).features());
    assertArrayEquals(a.heldOut().targets(), b.heldOut().targets());
    LeastSquaresProblem c = new HeterogeneousLeastSquares(N, M, D, 1, 0.1, 0.01, 40, 43).generate();
    assertTrue(c.optimum()[0] != a.optimum()[0]);
  }

  @Test
  void shouldRejectASingularProblemWithAClearMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new HeterogeneousLeastSquares(1, 3, D, 0, 0, 0, 0, 1).generate());
    assertTrue(e.getMessage().contains("singular"), e.getMessage());
  }
}
