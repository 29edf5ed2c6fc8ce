package org.gossipbench.workloads.workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gossipbench.workloads.data.BrownCorpus;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.data.TaggedWord;
import org.gossipbench.workloads.data.WordWindows;
import org.gossipbench.workloads.model.LstmLanguageModelBuilder;
import org.gossipbench.workloads.model.ModelBuilder;
import org.gossipbench.workloads.partition.Partitioner;

/**
 * A word-level LSTM language model on the Brown corpus (T5 of issue 15). The split is fixed, not
 * seeded: every tenth document in file order (the 10th, 20th, … of ca01 … cr09) is held out, so all
 * 15 genres are on both sides and every run of every seed sees the same test set. The vocabulary is
 * counted on the training documents only. The metric is the held-out per-token cross entropy, lower
 * is better; perplexity is its exp.
 */
final class BrownLstmWorkload implements Workload {
  static final Map<String, String> PARAMETERS =
      Map.of(
          "vocab", "most frequent training words kept, besides <unk> and <eos> (default 2000)",
          "seq", "tokens read per sample, T (default 20)",
          "embedding", "word embedding width (default 64)",
          "hidden", "LSTM units (default 128)");

  private final int vocab;
  private final int seq;
  private final int embedding;
  private final int hidden;

  BrownLstmWorkload(Map<String, String> p) {
    vocab = (int) SyntheticLeastSquaresWorkload.number(p, "vocab", 2000);
    seq = (int) SyntheticLeastSquaresWorkload.number(p, "seq", 20);
    embedding = (int) SyntheticLeastSquaresWorkload.number(p, "embedding", 64);
    hidden = (int) SyntheticLeastSquaresWorkload.number(p, "hidden", 128);
  }

  @Override
  public String name() {
    return "brown-lstm";
  }

  @Override
  public String description() {
    return "Brown corpus, word-level LSTM language model (DL4J; metric: held-out cross entropy)";
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
    return List.of("brown");
  }

  @Override
  public ModelBuilder model() {
    return new LstmLanguageModelBuilder(embedding, hidden);
  }

  /** Whether the document at this file-order index is held out. */
  static boolean heldOut(int index) {
    return index % 10 == 9;
  }

  @Override
  public TrainingData load(Path dataDir, int n, Partitioner partitioner, long seed) {
    List<List<String>> train = new ArrayList<>();
    List<List<String>> test = new ArrayList<>();
    List<BrownCorpus.Document> docs = BrownCorpus.load(dataDir);
    for (int i = 0; i < docs.size(); i++) {
      List<List<String>> side = heldOut(i) ? test : train;
      for (List<TaggedWord> s : docs.get(i).sentences()) {
        side.add(s.stream().map(TaggedWord::word).toList());
      }
    }
    WordWindows words = WordWindows.vocabulary(train, vocab);
    Dataset trainSet = words.windows("brown-train", train, seq);
    Dataset testSet = words.windows("brown-test", test, seq);
    int[][] shards =
        partitioner.split(
            trainSet.labels(), trainSet.numClasses(), n, new SplittableRandom(seed ^ 0x5DEECE66DL));
    return new TrainingData(
        trainSet,
        shards,
        testSet,
        Map.of(
            "dataset", "brown",
            "train_size", trainSet.size(),
            "test_size", testSet.size(),
            "vocab", words.size(),
            "seq", seq,
            "split", "every 10th document held out",
            "partition", partitioner.spec()));
  }
}
