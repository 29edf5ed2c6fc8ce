package org.gossipbench.workloads.model.bert;

/**
 * The shape of a BERT encoder with a masked-LM head (Devlin et al. 2019, Table "BERT_BASE /
 * BERT_LARGE"): L layers of width H with A heads and a feed-forward width of 4H, learned position
 * embeddings for up to P positions, two token types, and the MLM head's decoder tied to the word
 * embeddings.
 *
 * <p>{@link #encoderParameters()} counts what the published checkpoints count (embeddings, L
 * layers, the pooler): 109,482,240 for base and 335,141,888 for large at V = 30,522. {@link
 * #maskedLmParameters()} is what {@link BertMaskedLm} trains: the same without the pooler (it is
 * only used by next-sentence prediction, which this workload leaves out, as RoBERTa does) and with
 * the MLM head (an H×H transform, its LayerNorm and a bias per vocabulary entry).
 *
 * @param vocab V, WordPiece vocabulary size
 * @param hidden H
 * @param layers L
 * @param heads A (H must be a multiple of A)
 * @param maxPositions P, the longest sequence the position table holds
 */
public record BertConfig(int vocab, int hidden, int layers, int heads, int maxPositions) {
  /** Token types: sentence A and sentence B, as in the published models. */
  public static final int TYPE_VOCAB = 2;

  /** bert-base-uncased's vocabulary size. */
  public static final int UNCASED_VOCAB = 30_522;

  public BertConfig {
    if (vocab < 5 || hidden < 1 || layers < 1 || heads < 1 || maxPositions < 2) {
      throw new IllegalArgumentException(
          "a BERT needs vocab >= 5, hidden, layers, heads >= 1 and positions >= 2, got vocab="
              + vocab
              + " hidden="
              + hidden
              + " layers="
              + layers
              + " heads="
              + heads
              + " positions="
              + maxPositions);
    }
    if (hidden % heads != 0) {
      throw new IllegalArgumentException(
          "hidden " + hidden + " is not a multiple of the " + heads + " attention heads");
    }
  }

  /** BERT-base: L = 12, H = 768, A = 12, P = 512. */
  public static BertConfig base(int vocab) {
    return new BertConfig(vocab, 768, 12, 12, 512);
  }

  /** BERT-large: L = 24, H = 1024, A = 16, P = 512. */
  public static BertConfig large(int vocab) {
    return new BertConfig(vocab, 1024, 24, 16, 512);
  }

  /** The feed-forward width, 4H in every published BERT. */
  public int intermediate() {
    return 4 * hidden;
  }

  /** Word, position and token-type tables plus the embedding LayerNorm. */
  public long embeddingParameters() {
    long h = hidden;
    return ((long) vocab + maxPositions + TYPE_VOCAB) * h + 2 * h;
  }

  /** One encoder layer: Q, K, V and output projections, two LayerNorms, the feed-forward pair. */
  public long layerParameters() {
    long h = hidden;
    long f = intermediate();
    return 4 * (h * h + h) + 2 * (2 * h) + (h * f + f) + (f * h + h);
  }

  /** The pooler (dense H×H with bias on [CLS]). */
  public long poolerParameters() {
    long h = hidden;
    return h * h + h;
  }

  /** Embeddings, L layers and the pooler: the count the published checkpoints report. */
  public long encoderParameters() {
    return embeddingParameters() + layers * layerParameters() + poolerParameters();
  }

  /**
   * What {@link BertMaskedLm} holds: embeddings, L layers and the MLM head (transform H×H with
   * bias, LayerNorm, decoder bias of V; the decoder's weight is the word table), no pooler.
   */
  public long maskedLmParameters() {
    long h = hidden;
    return embeddingParameters() + layers * layerParameters() + (h * h + h) + 2 * h + vocab;
  }

  /** The same shape with fewer layers, for steps that must run quickly on a CPU. */
  public BertConfig withLayers(int l) {
    return new BertConfig(vocab, hidden, l, heads, maxPositions);
  }
}
