package org.gossipbench.workloads.model.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.Evaluation;
import org.junit.jupiter.api.Test;

class BertMaskedLmTest {
  private static final int T = 8;

  /** Published counts (BertModel, with pooler) and what the MLM model trains instead. */
  @Test
  void publishedParameterCountsFollowFromTheConfiguration() {
    assertEquals(109_482_240L, BertConfig.base(BertConfig.UNCASED_VOCAB).encoderParameters());
    assertEquals(335_141_888L, BertConfig.large(BertConfig.UNCASED_VOCAB).encoderParameters());
    BertConfig large = BertConfig.large(BertConfig.UNCASED_VOCAB);
    assertEquals(
        large.encoderParameters()
            - large.poolerParameters()
            + large.poolerParameters()
            + 2 * 1024
            + BertConfig.UNCASED_VOCAB,
        large.maskedLmParameters());
  }

  /**
   * The full BERT-large graph builds and lays out exactly {@link BertConfig#maskedLmParameters()}
   * entries (the constructor checks the layout against the formula); no step is run at this size.
   */
  @Test
  void bertLargeBuildsWithItsFullCountWithoutAStep() {
    try (BertMaskedLm m = new BertMaskedLm(BertConfig.large(BertConfig.UNCASED_VOCAB), 128, 1)) {
      assertEquals(335_174_458, m.parameterCount());
      assertTrue(m.describe().contains("L=24 H=1024 A=16"), m.describe());
    }
  }

  @Test
  void sameSeedSameStartDifferentSeedDifferentStart() {
    BertConfig c = tiny(2);
    try (BertMaskedLm a = new BertMaskedLm(c, T, 7);
        BertMaskedLm b = new BertMaskedLm(c, T, 7);
        BertMaskedLm other = new BertMaskedLm(c, T, 8)) {
      assertEquals(c.maskedLmParameters(), a.parameterCount());
      assertArrayEquals(((FloatBuf) a.parameters()).array(), ((FloatBuf) b.parameters()).array());
      assertNotEquals(
          ((FloatBuf) a.parameters()).array()[0], ((FloatBuf) other.parameters()).array()[0]);
    }
  }

  /**
   * Reduced depth (2 layers of width 32) because a BERT-base step takes tens of seconds on this
   * CPU: the same builder, so the same code path.
   */
  @Test
  void reducedDepthStepsLowerTheMaskedLmLoss() {
    BertConfig c = tiny(2);
    Dataset data = synthetic(c.vocab(), 16, 3);
    try (BertMaskedLm m = new BertMaskedLm(c, T, 3)) {
      Batch batch = new Batch(16, 2 * T);
      for (int i = 0; i < 16; i++) {
        batch.add(data, i);
      }
      float[] x = ((FloatBuf) m.parameters()).array();
      FloatBuf g = new FloatBuf(new float[m.parameterCount()]);
      double first = m.gradient(batch, g);
      assertTrue(Math.abs(first - Math.log(c.vocab())) < 1.0, "initial loss " + first);
      double before = first;
      for (int step = 0; step < 30; step++) {
        for (int i = 0; i < x.length; i++) {
          x[i] -= 0.1f * g.array()[i];
        }
        before = m.gradient(batch, g);
      }
      assertTrue(before < first - 0.5, first + " -> " + before);
      Evaluation e = m.evaluate(m.parameters(), data, 0, 16);
      assertTrue(e.samples() > 0);
      assertEquals(before, e.meanLoss(), 0.05 * before, "evaluate agrees with the training loss");
    }
  }

  /** A finite difference along one coordinate of each kind of table agrees with the gradient. */
  @Test
  void gradientMatchesAFiniteDifference() {
    BertConfig c = tiny(1);
    Dataset data = synthetic(c.vocab(), 4, 5);
    try (BertMaskedLm m = new BertMaskedLm(c, T, 11)) {
      Batch batch = new Batch(4, 2 * T);
      for (int i = 0; i < 4; i++) {
        batch.add(data, i);
      }
      float[] x = ((FloatBuf) m.parameters()).array();
      FloatBuf g = new FloatBuf(new float[m.parameterCount()]);
      m.gradient(batch, g);
      int wordOfFirstToken = (int) data.features()[0] * c.hidden();
      int lastBias = m.parameterCount() - 1;
      for (int i : new int[] {wordOfFirstToken, x.length / 2, lastBias}) {
        float h = 1e-2f;
        float saved = x[i];
        x[i] = saved + h;
        double plus = m.gradient(batch, new FloatBuf(new float[x.length]));
        x[i] = saved - h;
        double minus = m.gradient(batch, new FloatBuf(new float[x.length]));
        x[i] = saved;
        double numeric = (plus - minus) / (2 * h);
        assertEquals(numeric, g.array()[i], 2e-3 + 0.05 * Math.abs(numeric), "coordinate " + i);
      }
    }
  }

  @Test
  void aSampleOfTheWrongWidthIsRefused() {
    try (BertMaskedLm m = new BertMaskedLm(tiny(1), T, 1)) {
      Batch b = new Batch(1, T);
      b.add(new Dataset("x", new float[T], new int[1], null, new int[] {T}, 1), 0);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> m.gradient(b, new FloatBuf(new float[m.parameterCount()])));
      assertTrue(e.getMessage().contains("2 x 8"), e.getMessage());
    }
  }

  private static BertConfig tiny(int layers) {
    return new BertConfig(40, 32, layers, 4, 16);
  }

  /**
   * Sequences where the masked token equals its left neighbour, so the model can learn to predict
   * it; id 3 plays [MASK].
   */
  private static Dataset synthetic(int vocab, int rows, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] f = new float[rows * 2 * T];
    for (int r = 0; r < rows; r++) {
      int base = r * 2 * T;
      for (int t = 0; t < T; t++) {
        f[base + t] = 5 + rng.nextInt(vocab - 5);
        f[base + T + t] = -1;
      }
      int masked = 1 + rng.nextInt(T - 1);
      f[base + T + masked] = f[base + masked - 1];
      f[base + masked] = 3;
    }
    return new Dataset("synthetic-mlm", f, new int[rows], null, new int[] {2, T}, vocab);
  }
}
