package org.gossipbench.workloads.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.junit.jupiter.api.Test;

class DenseMlpTest {

  /** Rows of small features, a few exactly zero (the sparse path), and labels in [0, classes). */
  static Dataset data(int rows, int inputs, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] f = new float[rows * inputs];
    int[] l = new int[rows];
    for (int i = 0; i < f.length; i++) {
      f[i] = r.nextInt(4) == 0 ? 0f : (float) r.nextDouble(-1, 1);
    }
    for (int i = 0; i < rows; i++) {
      l[i] = r.nextInt(classes);
    }
    return new Dataset("test", f, l, null, new int[] {inputs}, classes);
  }

  static Batch batch(Dataset d, int rows) {
    Batch b = new Batch(rows, d.featureCount());
    for (int i = 0; i < rows; i++) {
      b.add(d, i);
    }
    return b;
  }

  @Test
  void shouldCountParametersAsTheDl4jMlpDoesOnMnist() {
    assertEquals(203_530, DenseMlp.parameterCount(784, 256, 10));
    DenseMlp m = new DenseMlp(784, 256, 10, 1);
    assertEquals(203_530, m.parameterCount());
    assertEquals(256 * 784, m.b1Offset());
    assertEquals(203_530 - 10, m.b2Offset());
  }

  @Test
  void shouldMatchCentralFiniteDifferencesOfItsLoss() {
    int d = 7;
    int h = 5;
    int c = 4;
    Dataset data = data(6, d, c, 3);
    Batch b = batch(data, 6);
    DenseMlp m = new DenseMlp(d, h, c, 11);
    float[] theta = ((FloatBuf) m.parameters()).array();
    // biases start at 0: move them off it so their derivatives are exercised at a generic point
    for (int i = m.b1Offset(); i < m.w2Offset(); i++) {
      theta[i] = 0.05f * (i % 3 - 1);
    }
    FloatBuf g = new FloatBuf(new float[m.parameterCount()]);
    double loss = m.gradient(b, g);
    assertEquals(loss, m.loss(b), 1e-6);
    double eps = 1e-3;
    int checked = 0;
    for (int i = 0; i < theta.length; i++) {
      float saved = theta[i];
      theta[i] = (float) (saved + eps);
      double up = m.loss(b);
      theta[i] = (float) (saved - eps);
      double down = m.loss(b);
      theta[i] = saved;
      double numeric = (up - down) / (2 * eps);
      assertEquals(numeric, g.array()[i], 2e-3 * Math.max(1, Math.abs(numeric)), "parameter " + i);
      checked++;
    }
    assertEquals(m.parameterCount(), checked);
  }

  @Test
  void shouldLowerTheLossUnderPlainSgd() {
    Dataset data = data(64, 10, 3, 5);
    Batch b = batch(data, 64);
    DenseMlp m = new DenseMlp(10, 16, 3, 2);
    FloatBuf g = new FloatBuf(new float[m.parameterCount()]);
    double first = m.gradient(b, g);
    for (int k = 0; k < 200; k++) {
      m.gradient(b, g);
      m.parameters().addScaled(0, g, 0, m.parameterCount(), -0.5);
    }
    double last = m.loss(b);
    assertTrue(last < 0.5 * first, first + " -> " + last);
  }

  @Test
  void shouldEvaluateAnyBufWithoutTouchingItsParameters() {
    Dataset data = data(20, 6, 3, 9);
    DenseMlp m = new DenseMlp(6, 8, 3, 4);
    float[] before = ((FloatBuf) m.parameters()).array().clone();
    Buf direct = Buf.allocateDirect(m.dtype(), m.parameterCount());
    m.parameters().copyTo(0, direct, 0, m.parameterCount());
    Evaluation e = m.evaluate(direct, data, 5, 20);
    assertEquals(15, e.samples());
    Batch all = new Batch(15, 6);
    for (int i = 5; i < 20; i++) {
      all.add(data, i);
    }
    assertEquals(m.loss(all), e.meanLoss(), 1e-6);
    assertEquals(
        java.util.Arrays.toString(before),
        java.util.Arrays.toString(((FloatBuf) m.parameters()).array()));
  }

  @Test
  void shouldStartEveryNodeFromTheSamePointForOneSeed() {
    float[] a = ((FloatBuf) new DenseMlp(9, 4, 3, 7).parameters()).array();
    float[] b = ((FloatBuf) new DenseMlp(9, 4, 3, 7).parameters()).array();
    float[] other = ((FloatBuf) new DenseMlp(9, 4, 3, 8).parameters()).array();
    assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    assertTrue(!java.util.Arrays.equals(a, other));
  }

  @Test
  void shouldRefuseAHostGradientOfTheWrongLength() {
    DenseMlp m = new DenseMlp(3, 2, 2, 1);
    Batch b = batch(data(2, 3, 2, 1), 2);
    assertThrows(IllegalArgumentException.class, () -> m.gradient(b, new FloatBuf(new float[3])));
  }
}
