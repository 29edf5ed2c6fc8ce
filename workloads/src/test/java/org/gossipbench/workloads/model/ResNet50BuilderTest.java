package org.gossipbench.workloads.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ResNet50BuilderTest {
  private static final int[] IMAGENET = {3, 224, 224};

  @BeforeAll
  static void configure() {
    Dl4jRuntime.configure(1);
  }

  /**
   * Counts of the bottleneck architecture from its layer shapes alone, independent of DL4J:
   * {trainable (conv weights, BN γ/β, output weights and bias), BN running mean+variance}.
   */
  static long[] expectedCounts(int[] blocks, int classes) {
    long trainable = 3L * 64 * 7 * 7 + 2 * 64;
    long running = 2 * 64;
    long in = 64;
    for (int s = 0; s < 4; s++) {
      long w = 64L << s;
      for (int k = 0; k < blocks[s]; k++) {
        trainable += in * w + w * w * 9 + w * 4 * w + 2 * (6 * w);
        running += 2 * (6 * w);
        if (k == 0) {
          trainable += in * 4 * w + 2 * 4 * w;
          running += 2 * 4 * w;
        }
        in = 4 * w;
      }
    }
    trainable += in * classes + classes;
    return new long[] {trainable, running};
  }

  @Test
  void fullModelHasTheStandardResNet50Count() {
    long[] expected = expectedCounts(ResNet50Builder.FULL_DEPTH, 1000);
    // torchvision's resnet50 has 25,557,032 parameters; the formula must reproduce it first.
    assertEquals(25_557_032L, expected[0]);
    assertEquals(53_120L, expected[1]);
    Model m = ModelRegistry.builder("resnet50").build(IMAGENET, 1000, 1);
    assertEquals(expected[0] + expected[1], m.parameterCount());
    long state = 0;
    int[] ranges = m.stateRanges();
    for (int r = 0; r < ranges.length; r += 2) {
      state += ranges[r + 1] - ranges[r];
    }
    assertEquals(expected[1], state, "BatchNorm running mean/variance are the state ranges");
    m.close();
  }

  @Test
  void oneStepOnReducedDepthCopy() {
    int[] blocks = {1, 1, 1, 1};
    int[] shape = {3, 32, 32};
    int classes = 4;
    int rows = 8;
    Model m = new ResNet50Builder(blocks).build(shape, classes, 3);
    long[] expected = expectedCounts(blocks, classes);
    assertEquals(expected[0] + expected[1], m.parameterCount());

    int features = 3 * 32 * 32;
    Random r = new Random(11);
    float[] f = new float[rows * features];
    int[] labels = new int[rows];
    for (int i = 0; i < f.length; i++) {
      f[i] = r.nextFloat();
    }
    for (int j = 0; j < rows; j++) {
      labels[j] = j % classes;
    }
    Dataset data = new Dataset("synthetic-224-like", f, labels, null, shape, classes);
    Batch batch = new Batch(rows, features);
    for (int j = 0; j < rows; j++) {
      batch.add(data, j);
    }
    Buf g = Buf.allocate(DType.FLOAT32, m.parameterCount());
    Buf x = m.parameters();
    double first = m.gradient(batch, g);
    assertTrue(Double.isFinite(first), "loss " + first);
    double norm = 0;
    for (int i = 0; i < g.length(); i++) {
      norm += g.getDouble(i) * g.getDouble(i);
    }
    assertTrue(norm > 0, "gradient is zero");
    double loss = first;
    for (int step = 0; step < 5; step++) {
      x.addScaled(0, g, 0, g.length(), -0.05);
      loss = m.gradient(batch, g);
      assertTrue(Double.isFinite(loss), "loss " + loss + " at step " + step);
    }
    assertTrue(loss < first, "SGD on one batch should lower its loss: " + first + " -> " + loss);
    m.close();
  }
}
