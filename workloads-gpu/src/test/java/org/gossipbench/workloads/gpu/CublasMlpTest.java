package org.gossipbench.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.workloads.algorithm.LocalOptimizer;
import org.gossipbench.workloads.algorithm.Momentum;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.DenseMlp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CublasMlpTest {

  static Dataset data(int rows, int inputs, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] f = new float[rows * inputs];
    int[] l = new int[rows];
    for (int i = 0; i < f.length; i++) {
      f[i] = r.nextInt(3) == 0 ? 0f : (float) r.nextDouble();
    }
    for (int i = 0; i < rows; i++) {
      l[i] = r.nextInt(classes);
    }
    return new Dataset("test", f, l, null, new int[] {inputs}, classes);
  }

  static Batch batch(Dataset d, int from, int rows) {
    Batch b = new Batch(rows, d.featureCount());
    for (int i = 0; i < rows; i++) {
      b.add(d, from + i);
    }
    return b;
  }

  @ParameterizedTest
  @CsvSource({"7,5,4,6,6", "784,256,10,32,32", "20,9,3,8,5"})
  void shouldComputeTheReferenceGradientThroughItsGemms(
      int inputs, int hidden, int classes, int capacity, int rows) {
    DenseMlp reference = new DenseMlp(inputs, hidden, classes, 3);
    float[] theta = ((FloatBuf) reference.parameters()).array();
    for (int i = reference.b1Offset(); i < reference.w2Offset(); i++) {
      theta[i] = 0.03f * (i % 5 - 2); // nonzero biases, some units dead
    }
    for (int i = reference.b2Offset(); i < theta.length; i++) {
      theta[i] = 0.1f * (i % 3 - 1);
    }
    Batch b = batch(data(rows, inputs, classes, 8), 0, rows);
    FloatBuf expected = new FloatBuf(new float[theta.length]);
    double expectedLoss = reference.gradient(b, expected);

    HostOps ops = new HostOps();
    CublasMlp mlp = new CublasMlp(ops, inputs, hidden, classes, capacity);
    long x = ops.allocate(theta.length);
    long g = ops.allocate(theta.length);
    ops.write(x, theta);
    double loss = mlp.gradient(b.features(), b.labels(), rows, x, g);
    assertEquals(expectedLoss, loss, 1e-5);
    float[] got = ops.read(g, theta.length);
    float scale = 0;
    for (float v : expected.array()) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < theta.length; i++) {
      assertEquals(expected.array()[i], got[i], 1e-5f * Math.max(1, scale), "gradient entry " + i);
    }
    assertEquals(
        java.util.Arrays.toString(theta), java.util.Arrays.toString(ops.read(x, theta.length)));
  }

  @ParameterizedTest
  @EnumSource(Momentum.class)
  void shouldTrainAlongTheHostReferenceStepForStep(Momentum momentum) {
    int inputs = 12;
    int hidden = 8;
    int classes = 3;
    int rows = 10;
    Dataset data = data(60, inputs, classes, 4);
    DenseMlp reference = new DenseMlp(inputs, hidden, classes, 5);
    int d = reference.parameterCount();
    HostOps ops = new HostOps();
    CublasMlp mlp = new CublasMlp(ops, inputs, hidden, classes, rows);
    long x = ops.allocate(d);
    long g = ops.allocate(d);
    long v = momentum == Momentum.NONE ? 0 : ops.allocate(d);
    ops.write(x, ((FloatBuf) reference.parameters()).array());
    DeviceOptimizer device = new DeviceOptimizer(ops, momentum, 0.9, v, d);
    LocalOptimizer host = new LocalOptimizer(momentum, 0.9, reference.parameters());
    FloatBuf hostG = new FloatBuf(new float[d]);
    double firstLoss = Double.NaN;
    double loss = Double.NaN;
    for (int k = 0; k < 30; k++) {
      Batch b = batch(data, (k * rows) % 60, rows);
      double hostLoss = reference.gradient(b, hostG);
      host.step(reference.parameters(), hostG, 0.2);
      loss = mlp.gradient(b.features(), b.labels(), rows, x, g);
      device.step(x, g, 0.2);
      assertEquals(hostLoss, loss, 1e-4, "step " + k);
      if (k == 0) {
        firstLoss = loss;
      }
    }
    float[] hostX = ((FloatBuf) reference.parameters()).array();
    float[] devX = ops.read(x, d);
    for (int i = 0; i < d; i++) {
      assertEquals(hostX[i], devX[i], 1e-4f, "parameter " + i);
    }
    org.junit.jupiter.api.Assertions.assertTrue(loss < firstLoss, firstLoss + " -> " + loss);
  }

  @ParameterizedTest
  @CsvSource({"0", "5"})
  void shouldRefuseABatchThatDoesNotFit(int rows) {
    HostOps ops = new HostOps();
    CublasMlp mlp = new CublasMlp(ops, 3, 2, 2, 4);
    float[] f = new float[3 * 5];
    assertThrows(
        IllegalArgumentException.class,
        () -> mlp.gradient(f, new int[5], rows, ops.allocate(14), ops.allocate(14)));
  }
}
