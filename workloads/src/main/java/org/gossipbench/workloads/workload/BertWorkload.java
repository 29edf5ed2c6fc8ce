package org.gossipbench.workloads.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.gossipbench.workloads.data.BrownCorpus;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.data.MaskedLmCorpus;
import org.gossipbench.workloads.data.TaggedWord;
import org.gossipbench.workloads.data.WordPieceTokenizer;
import org.gossipbench.workloads.data.WordPieceVocabulary;
import org.gossipbench.workloads.model.ModelBuilder;
import org.gossipbench.workloads.model.bert.BertBuilder;
import org.gossipbench.workloads.model.bert.BertConfig;
import org.gossipbench.workloads.partition.Partitioner;

/**
 * BERT masked-LM pre-training ({@code bert-base}, {@code bert-large}) on tokenized text: {@code
 * corpus=brown} (the installed Brown corpus) or {@code corpus=<file>} (UTF-8 plain text, one
 * sentence or paragraph per line, a blank line between documents: the input format of BERT's {@code
 * create_pretraining_data.py}), with {@code vocab=<vocab.txt>} (a published WordPiece vocabulary,
 * e.g. bert-base-uncased's) or, without it, one derived from the training documents ({@link
 * WordPieceVocabulary#derive}). Every tenth document is held out, fixed, not seeded, and masked
 * with a fixed seed so all runs share one test set; the training sequences are masked from the
 * run's seed. The metric is the held-out masked-token cross entropy, lower is better.
 *
 * <p>{@code layers}, {@code hidden} and {@code heads} override the published shape for a
 * reduced-size copy of the same model (a BERT-base step takes tens of seconds on 2 CPU cores).
 */
final class BertWorkload implements Workload {
  static final Map<String, String> PARAMETERS = parameters();

  private static Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(
        "corpus",
        "brown, or a UTF-8 text file: a sentence per line, blank lines between documents");
    p.put("vocab", "WordPiece vocab.txt (default: derived from the training documents)");
    p.put("vocab-size", "size of the derived vocabulary when no vocab is given (default 8000)");
    p.put("cased", "true to keep case and accents (default false: the uncased models)");
    p.put("seq", "tokens per sequence T, [CLS] and [SEP] included (default 128)");
    p.put("mask", "fraction of positions predicted (default 0.15)");
    p.put("layers", "encoder layers (default: 12 base, 24 large)");
    p.put("hidden", "width H (default: 768 base, 1024 large)");
    p.put("heads", "attention heads (default: 12 base, 16 large)");
    return p;
  }

  private static final long TEST_MASK_SEED = 0x7E57L;

  private final String name;
  private final String corpus;
  private final Path vocab;
  private final int vocabSize;
  private final boolean cased;
  private final int seq;
  private final double mask;
  private final IntFunction<BertConfig> shape;

  BertWorkload(String name, BertConfig published, Map<String, String> p) {
    this.name = name;
    this.corpus = p.getOrDefault("corpus", "brown");
    this.vocab = p.containsKey("vocab") ? Path.of(p.get("vocab")) : null;
    this.vocabSize = integer(p, "vocab-size", 8000);
    this.cased = Boolean.parseBoolean(p.getOrDefault("cased", "false"));
    this.seq = integer(p, "seq", 128);
    this.mask = number(p, "mask", 0.15);
    int layers = integer(p, "layers", published.layers());
    int hidden = integer(p, "hidden", published.hidden());
    int heads = integer(p, "heads", published.heads());
    int positions = Math.max(published.maxPositions(), seq);
    new BertConfig(published.vocab(), hidden, layers, heads, positions); // refuse a bad shape now
    this.shape = v -> new BertConfig(v, hidden, layers, heads, positions);
    if (vocab != null && !Files.isRegularFile(vocab)) {
      throw new IllegalArgumentException("workload " + name + ": no vocabulary file " + vocab);
    }
    if (!corpus.equals("brown") && !Files.isRegularFile(Path.of(corpus))) {
      throw new IllegalArgumentException(
          "workload " + name + ": corpus is neither 'brown' nor a file: " + corpus);
    }
  }

  private int integer(Map<String, String> p, String key, int fallback) {
    double v = number(p, key, fallback);
    if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "workload " + name + ": " + key + " must be a positive integer, got " + p.get(key));
    }
    return (int) v;
  }

  private double number(Map<String, String> p, String key, double fallback) {
    String v = p.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "workload " + name + ": " + key + " must be a number, got '" + v + "'");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "BERT masked-LM pre-training on tokenized text (SameDiff; metric: held-out masked-token"
        + " cross entropy)";
  }

  @Override
  public String metric() {
    return "test_cross_entropy";
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public List<String> datasets() {
    return corpus.equals("brown") ? List.of("brown") : List.of();
  }

  @Override
  public ModelBuilder model() {
    return new BertBuilder(name, shape);
  }

  /** Documents as lists of sentences, in corpus order. */
  private List<List<String>> documents(Path dataDir) {
    List<List<String>> docs = new ArrayList<>();
    if (corpus.equals("brown")) {
      for (BrownCorpus.Document d : BrownCorpus.load(dataDir)) {
        List<String> sentences = new ArrayList<>();
        for (List<TaggedWord> s : d.sentences()) {
          sentences.add(String.join(" ", s.stream().map(TaggedWord::word).toList()));
        }
        docs.add(sentences);
      }
      return docs;
    }
    try {
      List<String> current = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of(corpus), StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          if (!current.isEmpty()) {
            docs.add(current);
            current = new ArrayList<>();
          }
        } else {
          current.add(line);
        }
      }
      if (!current.isEmpty()) {
        docs.add(current);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the corpus " + corpus, e);
    }
    if (docs.size() < 10) {
      throw new IllegalArgumentException(
          corpus
              + ": "
              + docs.size()
              + " documents; the held-out split (every 10th) needs at least 10, separated by"
              + " blank lines");
    }
    return docs;
  }

  @Override
  public TrainingData load(Path dataDir, int n, Partitioner partitioner, long seed) {
    List<List<String>> docs = documents(dataDir);
    List<List<String>> train = new ArrayList<>();
    List<List<String>> test = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      (BrownLstmWorkload.heldOut(i) ? test : train).add(docs.get(i));
    }
    boolean lowercase = !cased;
    WordPieceVocabulary v;
    if (vocab != null) {
      v = WordPieceVocabulary.read(vocab);
    } else {
      List<String> words = new ArrayList<>();
      for (List<String> d : train) {
        for (String s : d) {
          words.addAll(WordPieceTokenizer.basicTokens(s, lowercase));
        }
      }
      v = WordPieceVocabulary.derive(words, vocabSize);
    }
    MaskedLmCorpus masked = new MaskedLmCorpus(v, lowercase, seq, mask);
    Dataset trainSet = masked.samples(name + "-train", train, seed);
    Dataset testSet = masked.samples(name + "-test", test, TEST_MASK_SEED);
    int[][] shards =
        partitioner.split(
            trainSet.labels(), trainSet.numClasses(), n, new SplittableRandom(seed ^ 0x5DEECE66DL));
    return new TrainingData(
        trainSet,
        shards,
        testSet,
        Map.of(
            "dataset",
            corpus.equals("brown") ? "brown" : "text:" + corpus,
            "train_size",
            trainSet.size(),
            "test_size",
            testSet.size(),
            "vocab",
            v.size(),
            "vocab_source",
            vocab == null ? "derived from the training documents" : vocab.toString(),
            "seq",
            seq,
            "mask",
            mask,
            "split",
            "every 10th document held out",
            "partition",
            partitioner.spec()));
  }
}
