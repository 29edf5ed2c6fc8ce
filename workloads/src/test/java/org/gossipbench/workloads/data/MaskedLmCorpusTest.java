package org.gossipbench.workloads.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaskedLmCorpusTest {
  private static final int T = 32;

  private static List<List<String>> documents() {
    SplittableRandom rng = new SplittableRandom(1);
    String[] words = {"alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"};
    List<List<String>> docs = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      List<String> sentences = new ArrayList<>();
      for (int s = 0; s < 10; s++) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < 12; w++) {
          b.append(words[rng.nextInt(words.length)]).append(' ');
        }
        sentences.add(b.append('.').toString());
      }
      docs.add(sentences);
    }
    return docs;
  }

  @Test
  void sequencesAreFramedAndAboutFifteenPercentArePredictedAsBertMasks() {
    List<List<String>> docs = documents();
    List<String> words = new ArrayList<>();
    docs.forEach(d -> d.forEach(s -> words.addAll(WordPieceTokenizer.basicTokens(s, true))));
    WordPieceVocabulary v = WordPieceVocabulary.derive(words, 60);
    MaskedLmCorpus c = new MaskedLmCorpus(v, true, T, 0.15);
    Dataset data = c.samples("train", docs, 5);
    int[] stream = c.encode(docs);
    assertEquals(stream.length / (T - 2), data.size());
    assertArrayEquals(new int[] {2, T}, data.sampleShape());
    float[] f = data.features();
    long predicted = 0;
    long candidates = 0;
    long masked = 0;
    long kept = 0;
    for (int s = 0; s < data.size(); s++) {
      int base = s * 2 * T;
      assertEquals(v.cls(), (int) f[base]);
      assertEquals(v.sep(), (int) f[base + T - 1]);
      for (int t = 0; t < T; t++) {
        int label = (int) f[base + T + t];
        int original = label >= 0 ? label : (int) f[base + t];
        if (t > 0 && t < T - 1) {
          assertEquals(stream[s * (T - 2) + t - 1], original, "sample " + s + " position " + t);
        }
        if (!v.isSpecial(original)) {
          candidates++;
        }
        if (label >= 0) {
          predicted++;
          masked += (int) f[base + t] == v.mask() ? 1 : 0;
          kept += (int) f[base + t] == label ? 1 : 0;
        }
      }
    }
    double rate = predicted / (double) candidates;
    // round(0.15 n) per sequence, as the reference create_pretraining_data.py does
    assertEquals(0.15, rate, 0.02, "predicted share");
    assertEquals(0.8, masked / (double) predicted, 0.05, "[MASK] share");
    assertEquals(0.1, kept / (double) predicted, 0.04, "unchanged share");
  }

  @Test
  void theSameSeedMasksTheSamePositions() {
    List<List<String>> docs = documents();
    WordPieceVocabulary v =
        WordPieceVocabulary.derive(
            WordPieceTokenizer.basicTokens(String.join(" ", docs.get(0)), true), 60);
    MaskedLmCorpus c = new MaskedLmCorpus(v, true, T, 0.15);
    assertArrayEquals(c.samples("a", docs, 9).features(), c.samples("b", docs, 9).features());
    float[] other = c.samples("c", docs, 10).features();
    assertTrue(!java.util.Arrays.equals(c.samples("a", docs, 9).features(), other));
  }
}
