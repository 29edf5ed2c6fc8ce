package org.gossipbench.workloads.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A word-level language-model dataset: lowercase words, a vocabulary of the V most frequent
 * training words (ties broken alphabetically, so the ids are deterministic) plus {@code <unk>} (id
 * V) and {@code <eos>} (id V+1) after each sentence. Sentences are concatenated into one token
 * stream and cut into non-overlapping windows of T+1 tokens: sample features are the T+1 token ids
 * (as floats), the model reads the first T and predicts the last T (each token's successor). The
 * sample's label is its final token, only so that {@link Dataset}'s partitioners have something to
 * split on: iid is meaningful, "sorted" groups windows by their last word, which is not a
 * heterogeneity anyone studies.
 */
public final class WordWindows {
  private final Map<String, Integer> ids;
  private final List<String> words;

  private WordWindows(List<String> words) {
    this.words = List.copyOf(words);
    this.ids = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      ids.put(words.get(i), i);
    }
  }

  /**
   * The V most frequent lowercase words of {@code sentences}, then {@code <unk>}, {@code <eos>}.
   */
  public static WordWindows vocabulary(List<List<String>> sentences, int v) {
    if (v < 1) {
      throw new IllegalArgumentException("vocabulary size must be at least 1, got " + v);
    }
    Map<String, Integer> counts = new HashMap<>();
    for (List<String> s : sentences) {
      for (String w : s) {
        counts.merge(w.toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    List<String> top =
        counts.entrySet().stream()
            .sorted(
                Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
                    .thenComparing(Map.Entry::getKey))
            .limit(v)
            .map(Map.Entry::getKey)
            .collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
    while (top.size() < v) {
      top.add("<pad" + top.size() + ">");
    }
    top.add("<unk>");
    top.add("<eos>");
    return new WordWindows(top);
  }

  /** V + 2: the softmax's width. */
  public int size() {
    return words.size();
  }

  public int unk() {
    return words.size() - 2;
  }

  public int eos() {
    return words.size() - 1;
  }

  public String word(int id) {
    return words.get(id);
  }

  public int id(String word) {
    return ids.getOrDefault(word.toLowerCase(Locale.ROOT), unk());
  }

  /** The token stream: each sentence's ids followed by {@code <eos>}. */
  public int[] stream(List<List<String>> sentences) {
    int total = sentences.stream().mapToInt(s -> s.size() + 1).sum();
    int[] out = new int[total];
    int k = 0;
    for (List<String> s : sentences) {
      for (String w : s) {
        out[k++] = id(w);
      }
      out[k++] = eos();
    }
    return out;
  }

  /**
   * Non-overlapping windows of {@code t + 1} tokens (the last token of one window is the first of
   * the next, so every token but the stream's first is predicted exactly once); a tail shorter than
   * a window is dropped.
   */
  public Dataset windows(String name, List<List<String>> sentences, int t) {
    if (t < 1) {
      throw new IllegalArgumentException("window length must be at least 1, got " + t);
    }
    int[] stream = stream(sentences);
    int count = Math.max(0, (stream.length - 1) / t);
    float[] features = new float[count * (t + 1)];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j <= t; j++) {
        features[i * (t + 1) + j] = stream[i * t + j];
      }
      labels[i] = stream[i * t + t];
    }
    return new Dataset(name, features, labels, null, new int[] {t + 1}, size());
  }
}
