package org.gossipbench.workloads.model;

/** {@link LstmLanguageModel} for samples of T+1 token ids and a vocabulary of numClasses words. */
public final class LstmLanguageModelBuilder implements ModelBuilder {
  private final int embedding;
  private final int hidden;

  public LstmLanguageModelBuilder(int embedding, int hidden) {
    this.embedding = embedding;
    this.hidden = hidden;
  }

  @Override
  public String name() {
    return "lstm-lm";
  }

  @Override
  public String description() {
    return "DL4J word-level LSTM language model: embedding "
        + embedding
        + ", LSTM "
        + hidden
        + ", per-token softmax";
  }

  @Override
  public Model build(int[] sampleShape, int numClasses, long seed) {
    if (sampleShape.length != 1 || sampleShape[0] < 2 || numClasses < 2) {
      throw new IllegalArgumentException(
          "lstm-lm needs samples of T+1 >= 2 token ids and a vocabulary >= 2, got shape "
              + java.util.Arrays.toString(sampleShape)
              + " and "
              + numClasses);
    }
    return new LstmLanguageModel(sampleShape[0] - 1, numClasses, embedding, hidden, seed);
  }
}
