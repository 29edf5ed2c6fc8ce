package org.gossipbench.workloads.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Masked-LM samples for {@link org.gossipbench.workloads.model.bert.BertMaskedLm}: documents are
 * WordPiece-encoded and concatenated with [SEP] between them (RoBERTa's FULL-SENTENCES packing: no
 * padding, no next-sentence pairs), cut into sequences {@code [CLS] t1 … t(T-2) [SEP]}, and each
 * sequence masked once (BERT's static masking): 15 % of its non-special positions are picked (at
 * least one); of those 80 % become [MASK], 10 % a random non-special token, 10 % stay. A sample is
 * {@code [2, T]}: the T input ids, then T labels (the original id where picked, else -1).
 */
public final class MaskedLmCorpus {
  private final WordPieceTokenizer tokenizer;
  private final WordPieceVocabulary vocabulary;
  private final int steps;
  private final double maskRate;

  /**
   * @param steps T, tokens per sequence including [CLS] and [SEP]
   * @param maskRate the fraction of positions predicted, 0.15 in BERT
   */
  public MaskedLmCorpus(
      WordPieceVocabulary vocabulary, boolean lowercase, int steps, double maskRate) {
    if (steps < 3) {
      throw new IllegalArgumentException("sequences need at least 3 tokens, got " + steps);
    }
    if (!(maskRate > 0 && maskRate < 1)) {
      throw new IllegalArgumentException("the mask rate must lie in (0, 1), got " + maskRate);
    }
    this.vocabulary = vocabulary;
    this.tokenizer = new WordPieceTokenizer(vocabulary, lowercase);
    this.steps = steps;
    this.maskRate = maskRate;
  }

  /** The token stream of {@code documents} (each a list of sentences), [SEP] after each one. */
  public int[] encode(List<List<String>> documents) {
    List<Integer> ids = new ArrayList<>();
    for (List<String> doc : documents) {
      for (String sentence : doc) {
        tokenizer.encode(sentence, ids);
      }
      ids.add(vocabulary.sep());
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Sequences of T cut from the documents' stream and masked from {@code seed}; a last piece
   * shorter than T-2 tokens is dropped.
   *
   * @throws IllegalArgumentException when the documents do not fill one sequence
   */
  public Dataset samples(String name, List<List<String>> documents, long seed) {
    int[] stream = encode(documents);
    int body = steps - 2;
    int count = stream.length / body;
    if (count == 0) {
      throw new IllegalArgumentException(
          name + ": " + stream.length + " tokens do not fill one sequence of " + steps);
    }
    float[] f = new float[count * 2 * steps];
    SplittableRandom rng = new SplittableRandom(seed);
    int[] candidates = new int[steps];
    for (int s = 0; s < count; s++) {
      int base = s * 2 * steps;
      f[base] = vocabulary.cls();
      System.arraycopy(toFloat(stream, s * body, body), 0, f, base + 1, body);
      f[base + steps - 1] = vocabulary.sep();
      java.util.Arrays.fill(f, base + steps, base + 2 * steps, -1f);
      int n = 0;
      for (int t = 0; t < steps; t++) {
        if (!vocabulary.isSpecial((int) f[base + t])) {
          candidates[n++] = t;
        }
      }
      if (n == 0) {
        continue; // only [SEP]s and [UNK]s: nothing to predict in this sequence
      }
      int picks = Math.max(1, (int) Math.round(maskRate * n));
      for (int i = 0; i < picks; i++) { // partial Fisher-Yates: picks distinct positions
        int j = i + rng.nextInt(n - i);
        int tmp = candidates[i];
        candidates[i] = candidates[j];
        candidates[j] = tmp;
        int t = candidates[i];
        f[base + steps + t] = f[base + t];
        double u = rng.nextDouble();
        if (u < 0.8) {
          f[base + t] = vocabulary.mask();
        } else if (u < 0.9) {
          f[base + t] = randomToken(rng);
        }
      }
    }
    return new Dataset(name, f, new int[count], null, new int[] {2, steps}, vocabulary.size());
  }

  private int randomToken(SplittableRandom rng) {
    while (true) {
      int id = rng.nextInt(vocabulary.size());
      if (!vocabulary.isSpecial(id)) {
        return id;
      }
    }
  }

  private static float[] toFloat(int[] a, int from, int length) {
    float[] out = new float[length];
    for (int i = 0; i < length; i++) {
      out[i] = a[from + i];
    }
    return out;
  }
}
