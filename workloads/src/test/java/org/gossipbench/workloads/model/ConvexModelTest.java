package org.gossipbench.workloads.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConvexModelTest {
  private static final int D = 7;
  private static final int ROWS = 13;

  private static Dataset randomData(int classes, long seed) {
    Random r = new Random(seed);
    float[] f = new float[ROWS * D];
    int[] labels = new int[ROWS];
    float[] targets = new float[ROWS];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) r.nextGaussian();
    }
    for (int j = 0; j < ROWS; j++) {
      labels[j] = classes == 0 ? 0 : r.nextInt(classes);
      targets[j] = (float) r.nextGaussian();
    }
    return new Dataset("random", f, labels, targets, new int[] {D}, classes);
  }

  private static Model model(String name, int classes) {
    return ModelRegistry.builder(name + ":mu=0.05").build(new int[] {D}, classes, 1);
  }

  private static Batch batchOf(Dataset data) {
    Batch b = new Batch(ROWS, D);
    for (int j = 0; j < ROWS; j++) {
      b.add(data, j);
    }
    return b;
  }

  @ParameterizedTest
  @ValueSource(strings = {"least-squares", "logistic-regression"})
  void shouldMatchCentralFiniteDifferencesOfTheReturnedLoss(String name) {
    int classes = name.equals("least-squares") ? 0 : 3;
    Dataset data = randomData(classes, 2);
    Model model = model(name, classes);
    Random r = new Random(3);
    Buf x = model.parameters();
    for (int i = 0; i < x.length(); i++) {
      x.setDouble(i, 0.3 * r.nextGaussian());
    }
    Batch batch = batchOf(data);
    Buf g = Buf.allocate(DType.FLOAT64, model.parameterCount());
    Buf scratch = Buf.allocate(DType.FLOAT64, model.parameterCount());
    model.gradient(batch, g);
    double h = 1e-5;
    for (int i = 0; i < x.length(); i++) {
      double xi = x.getDouble(i);
      x.setDouble(i, xi + h);
      double plus = model.gradient(batch, scratch);
      x.setDouble(i, xi - h);
      double minus = model.gradient(batch, scratch);
      x.setDouble(i, xi);
      assertEquals((plus - minus) / (2 * h), g.getDouble(i), 1e-7, "entry " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"least-squares", "logistic-regression"})
  void shouldReturnTheMeanNotTheSumOverTheBatch(String name) {
    int classes = name.equals("least-squares") ? 0 : 2;
    Dataset data = randomData(classes, 4);
    Model model = ModelRegistry.builder(name + ":mu=0").build(new int[] {D}, classes, 1);
    for (int i = 0; i < model.parameterCount(); i++) {
      model.parameters().setDouble(i, 0.1 * i);
    }
    Batch once = new Batch(2, D);
    once.add(data, 5);
    Batch twice = new Batch(2, D);
    twice.add(data, 5);
    twice.add(data, 5);
    Buf g1 = Buf.allocate(DType.FLOAT64, model.parameterCount());
    Buf g2 = Buf.allocate(DType.FLOAT64, model.parameterCount());
    double l1 = model.gradient(once, g1);
    double l2 = model.gradient(twice, g2);
    assertEquals(l1, l2, 1e-12);
    for (int i = 0; i < model.parameterCount(); i++) {
      assertEquals(g1.getDouble(i), g2.getDouble(i), 1e-12);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"least-squares", "logistic-regression"})
  void shouldEvaluateAnyVectorWithoutTouchingTheParameters(String name) {
    int classes = name.equals("least-squares") ? 0 : 3;
    Dataset data = randomData(classes, 5);
    Model model = model(name, classes);
    Buf other = Buf.allocate(DType.FLOAT64, model.parameterCount());
    for (int i = 0; i < other.length(); i++) {
      other.setDouble(i, 0.2 * Math.sin(i));
    }
    double[] before =
        ((org.gossipbench.collectives.buffer.DoubleBuf) model.parameters()).array().clone();
    Evaluation whole = model.evaluate(other, data, 0, ROWS);
    Evaluation split = model.evaluate(other, data, 0, 6).plus(model.evaluate(other, data, 6, ROWS));
    assertArrayEquals(
        before, ((org.gossipbench.collectives.buffer.DoubleBuf) model.parameters()).array());
    assertEquals(ROWS, whole.samples());
    assertEquals(whole.lossSum(), split.lossSum(), 1e-12);
    assertEquals(whole.correct(), split.correct());
    Evaluation atZero = model.evaluate(model.parameters(), data, 0, ROWS);
    assertTrue(atZero.lossSum() != whole.lossSum());
  }

  @org.junit.jupiter.api.Test
  void shouldGiveLogLossOfUniformPredictionAndCountCorrectAtZero() {
    Dataset data = randomData(4, 6);
    Model model = model("logistic-regression", 4);
    Evaluation e = model.evaluate(model.parameters(), data, 0, ROWS);
    assertEquals(Math.log(4), e.meanLoss(), 1e-12);
    long zeros = java.util.Arrays.stream(data.labels()).filter(l -> l == 0).count();
    assertEquals(zeros, e.correct());
  }
}
