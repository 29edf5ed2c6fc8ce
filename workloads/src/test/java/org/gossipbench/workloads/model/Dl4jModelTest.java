package org.gossipbench.workloads.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class Dl4jModelTest {
  static final int[] SHAPE = {1, 28, 28};
  static final int CLASSES = 10;
  static final int FEATURES = 784;

  @BeforeAll
  static void configure() {
    Dl4jRuntime.configure(1);
  }

  static Dataset randomImages(int rows, long seed) {
    Random r = new Random(seed);
    float[] f = new float[rows * FEATURES];
    int[] labels = new int[rows];
    for (int i = 0; i < f.length; i++) {
      f[i] = r.nextFloat();
    }
    for (int j = 0; j < rows; j++) {
      labels[j] = r.nextInt(CLASSES);
    }
    return new Dataset("random-images", f, labels, null, SHAPE, CLASSES);
  }

  static Batch batch(Dataset data, int from, int size) {
    Batch b = new Batch(size, FEATURES);
    for (int j = 0; j < size; j++) {
      b.add(data, (from + j) % data.size());
    }
    return b;
  }

  private static float[] mirror(Model m) {
    return ((FloatBuf) m.parameters()).array();
  }

  private static float[] networkParams(Model m) {
    return ((Dl4jModel) m).network().params().dup().data().asFloat();
  }

  @Test
  void shouldHaveTheDocumentedParameterCounts() {
    assertEquals(203_530, ModelRegistry.builder("mlp").build(SHAPE, CLASSES, 1).parameterCount());
    assertEquals(431_080, ModelRegistry.builder("lenet").build(SHAPE, CLASSES, 1).parameterCount());
  }

  @Test
  void shouldMirrorTheNetworksInitialParameters() {
    Model m = ModelRegistry.builder("mlp").build(SHAPE, CLASSES, 7);
    assertEquals(DType.FLOAT32, m.dtype());
    assertArrayEquals(networkParams(m), mirror(m));
    assertTrue(m.describe().contains("203530 parameters"));
  }

  @Test
  void shouldDivideDl4jsSummedGradientByTheBatchSize() {
    Dataset data = randomImages(4, 1);
    Model m = ModelRegistry.builder("mlp").build(SHAPE, CLASSES, 3);
    Batch once = batch(data, 2, 1);
    Batch twice = new Batch(2, FEATURES);
    twice.add(data, 2);
    twice.add(data, 2);
    Buf g1 = Buf.allocate(DType.FLOAT32, m.parameterCount());
    Buf g2 = Buf.allocate(DType.FLOAT32, m.parameterCount());
    double loss1 = m.gradient(once, g1);
    float[] raw1 = ((Dl4jModel) m).network().gradient().gradient().dup().data().asFloat();
    double loss2 = m.gradient(twice, g2);
    float[] raw2 = ((Dl4jModel) m).network().gradient().gradient().dup().data().asFloat();
    assertEquals(loss1, loss2, 1e-5);
    double maxAbs = 0;
    for (int i = 0; i < raw1.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(raw1[i]));
      assertEquals(2 * raw1[i], raw2[i], 1e-5 + 1e-4 * Math.abs(raw1[i]), "DL4J sums, entry " + i);
      assertEquals(g1.getDouble(i), g2.getDouble(i), 1e-5 + 1e-4 * Math.abs(raw1[i]), "mean, " + i);
    }
    assertTrue(maxAbs > 1e-3, "gradient should not vanish");
  }

  /** x ← x − lr·g through the flat vector against DL4J's own fit() with Sgd(lr). */
  @ParameterizedTest
  @ValueSource(strings = {"mlp", "resnet"})
  void shouldMatchDl4jFitWithSgdUnderAnExternalSgdStep(String name) {
    double lr = 0.05;
    int steps = 10;
    int size = 8;
    Dl4jBuilder builder = (Dl4jBuilder) ModelRegistry.builder(name);
    org.deeplearning4j.nn.api.Model reference = builder.network(SHAPE, CLASSES, 11, new Sgd(lr));
    Model model = builder.build(SHAPE, CLASSES, 11);
    assertArrayEquals(reference.params().dup().data().asFloat(), mirror(model));
    Dataset data = randomImages(steps * size, 12);
    Buf g = Buf.allocate(DType.FLOAT32, model.parameterCount());
    for (int k = 0; k < steps; k++) {
      Batch b = batch(data, k * size, size);
      model.gradient(b, g);
      model.parameters().addScaled(0, g, 0, g.length(), -lr);
      INDArray f = Nd4j.create(b.features(), new long[] {size, FEATURES}, 'c');
      INDArray l = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, size, CLASSES);
      for (int j = 0; j < size; j++) {
        l.putScalar(j, b.labels()[j], 1f);
      }
      DataSet ds = new DataSet(f, l);
      if (reference instanceof MultiLayerNetwork net) {
        net.fit(ds);
      } else {
        ((ComputationGraph) reference).fit(ds);
      }
    }
    float[] expected = reference.params().dup().data().asFloat();
    float[] actual = mirror(model);
    double maxDiff = 0;
    for (int i = 0; i < expected.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
    }
    assertEquals(0.0, maxDiff, 0.0, name + ": max |fit − external| after " + steps + " steps");
  }

  @Test
  void shouldKeepBatchNormStateOutOfTheGradientAndUpdateItInPlace() {
    Model m = ModelRegistry.builder("resnet").build(SHAPE, CLASSES, 5);
    int[] ranges = m.stateRanges();
    assertTrue(ranges.length >= 2 && ranges.length % 2 == 0, "resnet has BatchNorm state");
    Dataset data = randomImages(8, 6);
    float[] before = mirror(m).clone();
    Buf g = Buf.allocate(DType.FLOAT32, m.parameterCount());
    g.setDouble(ranges[0], 123);
    m.gradient(batch(data, 0, 8), g);
    int changed = 0;
    int stateEntries = 0;
    for (int r = 0; r < ranges.length; r += 2) {
      for (int i = ranges[r]; i < ranges[r + 1]; i++) {
        stateEntries++;
        assertEquals(0.0, g.getDouble(i), "gradient at state entry " + i);
        if (mirror(m)[i] != before[i]) {
          changed++;
        }
      }
    }
    assertTrue(changed > stateEntries / 2, "running statistics moved: " + changed);
    int trainableChanged = 0;
    for (int i = 0; i < before.length; i++) {
      if (!isState(ranges, i) && mirror(m)[i] != before[i]) {
        trainableChanged++;
      }
    }
    assertEquals(0, trainableChanged, "gradient() must not move trainable entries");
  }

  private static boolean isState(int[] ranges, int i) {
    for (int r = 0; r < ranges.length; r += 2) {
      if (i >= ranges[r] && i < ranges[r + 1]) {
        return true;
      }
    }
    return false;
  }

  @Test
  void shouldHaveNoStateRangesWithoutBatchNorm() {
    assertEquals(0, ModelRegistry.builder("mlp").build(SHAPE, CLASSES, 1).stateRanges().length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "resnet"})
  void shouldEvaluateAnotherVectorAndLeaveTheParametersUnchanged(String name) {
    Model m = ModelRegistry.builder(name).build(SHAPE, CLASSES, 9);
    Dataset data = randomImages(30, 10);
    Buf g = Buf.allocate(DType.FLOAT32, m.parameterCount());
    m.gradient(batch(data, 0, 4), g);
    float[] before = mirror(m).clone();
    Evaluation atModel = m.evaluate(m.parameters(), data, 0, 30);
    Buf other = Buf.allocate(DType.FLOAT32, m.parameterCount());
    m.parameters().copyTo(0, other, 0, other.length());
    other.addScaled(0, g, 0, g.length(), -5.0);
    Evaluation atOther = m.evaluate(other, data, 0, 30);
    assertArrayEquals(before, mirror(m));
    assertArrayEquals(before, networkParams(m));
    assertEquals(30, atOther.samples());
    assertNotEquals(atModel.lossSum(), atOther.lossSum());
    assertEquals(atModel, m.evaluate(m.parameters(), data, 0, 30));
    Evaluation split =
        m.evaluate(m.parameters(), data, 0, 13).plus(m.evaluate(m.parameters(), data, 13, 30));
    assertEquals(atModel.lossSum(), split.lossSum(), 1e-4);
    assertEquals(atModel.correct(), split.correct());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mlp", "lenet", "resnet"})
  void shouldGiveBitIdenticalGradientsForTheSameSeedAlsoAcrossFourThreads(String name)
      throws Exception {
    Dataset data = randomImages(16, 13);
    float[] expected = gradientOnce(name, batch(data, 0, 16));
    assertArrayEquals(expected, gradientOnce(name, batch(data, 0, 16)));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> gradientOnce(name, batch(data, 0, 16))));
      }
      for (Future<float[]> f : results) {
        assertArrayEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldGiveTheSameGradientInASeparateProcess() throws Exception {
    String inProcess = GradientFingerprint.of("mlp");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GradientFingerprint.class.getName(),
                "mlp")
            .redirectErrorStream(false)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertEquals(inProcess, out.substring(out.lastIndexOf('\n') + 1));
  }

  private static float[] gradientOnce(String name, Batch b) {
    Model m = ModelRegistry.builder(name).build(SHAPE, CLASSES, 21);
    Buf g = Buf.allocate(DType.FLOAT32, m.parameterCount());
    m.gradient(b, g);
    m.gradient(b, g);
    float[] out = new float[m.parameterCount() * 2];
    System.arraycopy(((FloatBuf) g).array(), 0, out, 0, m.parameterCount());
    System.arraycopy(mirror(m), 0, out, m.parameterCount(), m.parameterCount());
    return out;
  }
}
