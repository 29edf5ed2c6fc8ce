package org.gossipbench.workloads.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.junit.jupiter.api.Test;

class LstmLanguageModelTest {
  private static final int T = 8;
  private static final int V = 50;

  private static Dataset randomTokens(int samples, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] f = new float[samples * (T + 1)];
    int[] l = new int[samples];
    for (int i = 0; i < samples; i++) {
      for (int j = 0; j <= T; j++) {
        f[i * (T + 1) + j] = r.nextInt(V);
      }
      l[i] = (int) f[i * (T + 1) + T];
    }
    return new Dataset("tokens", f, l, null, new int[] {T + 1}, V);
  }

  @Test
  void shouldStartNearUniformCrossEntropyWithAFiniteGradient() {
    Dl4jRuntime.configure(1);
    try (Model m = new LstmLanguageModelBuilder(16, 32).build(new int[] {T + 1}, V, 1)) {
      Dataset data = randomTokens(64, 2);
      Evaluation e = m.evaluate(m.parameters(), data, 0, data.size());
      assertEquals(64L * T, e.samples());
      assertEquals(Math.log(V), e.meanLoss(), 0.1 * Math.log(V));
      Batch b = new Batch(16, T + 1);
      for (int i = 0; i < 16; i++) {
        b.add(data, i);
      }
      FloatBuf g = new FloatBuf(new float[m.parameterCount()]);
      double loss = m.gradient(b, g);
      // the per-token training loss agrees with evaluate's per-token cross entropy
      assertEquals(m.evaluate(m.parameters(), data, 0, 16).meanLoss(), loss, 1e-3);
      double norm = 0;
      for (float v : g.array()) {
        assertTrue(Float.isFinite(v));
        norm += v * v;
      }
      assertTrue(norm > 0);
    }
  }

  @Test
  void shouldLearnARepeatingSequence() {
    Dl4jRuntime.configure(1);
    float[] f = new float[32 * (T + 1)];
    int[] l = new int[32];
    for (int i = 0; i < 32; i++) {
      for (int j = 0; j <= T; j++) {
        f[i * (T + 1) + j] = (i + j) % 5;
      }
      l[i] = (int) f[i * (T + 1) + T];
    }
    Dataset data = new Dataset("cycle", f, l, null, new int[] {T + 1}, V);
    try (Model m = new LstmLanguageModelBuilder(16, 32).build(new int[] {T + 1}, V, 3)) {
      double before = m.evaluate(m.parameters(), data, 0, 32).meanLoss();
      Batch b = new Batch(32, T + 1);
      for (int i = 0; i < 32; i++) {
        b.add(data, i);
      }
      FloatBuf g = new FloatBuf(new float[m.parameterCount()]);
      float[] x = ((FloatBuf) m.parameters()).array();
      for (int step = 0; step < 100; step++) {
        m.gradient(b, g);
        for (int i = 0; i < x.length; i++) {
          x[i] -= 1.0f * g.array()[i];
        }
      }
      double after = m.evaluate(m.parameters(), data, 0, 32).meanLoss();
      assertTrue(after < 0.5 * before, before + " -> " + after);
    }
  }
}
