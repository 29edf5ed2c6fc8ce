package org.gossipbench.workloads.model.bert;

import java.util.function.IntFunction;
import org.gossipbench.workloads.model.Model;
import org.gossipbench.workloads.model.ModelBuilder;

/**
 * {@link BertMaskedLm} for samples of {@code [2, T]} ({@link
 * org.gossipbench.workloads.data.MaskedLmCorpus}); the vocabulary size comes from the data as the
 * class count, so the same builder serves the published 30,522-entry vocabulary and a derived one.
 */
public final class BertBuilder implements ModelBuilder {
  private final String name;
  private final IntFunction<BertConfig> shape;

  /**
   * @param shape the configuration for a vocabulary of the given size
   */
  public BertBuilder(String name, IntFunction<BertConfig> shape) {
    this.name = name;
    this.shape = shape;
  }

  public static BertBuilder base() {
    return new BertBuilder("bert-base", BertConfig::base);
  }

  public static BertBuilder large() {
    return new BertBuilder("bert-large", BertConfig::large);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    BertConfig c = shape.apply(BertConfig.UNCASED_VOCAB);
    return String.format(
        "SameDiff BERT masked-LM encoder, L=%d H=%d A=%d (%,d parameters with the pooler at V ="
            + " 30,522; the MLM model trains %,d)",
        c.layers(), c.hidden(), c.heads(), c.encoderParameters(), c.maskedLmParameters());
  }

  @Override
  public Model build(int[] sampleShape, int numClasses, long seed) {
    if (sampleShape.length != 2 || sampleShape[0] != 2 || sampleShape[1] < 3) {
      throw new IllegalArgumentException(
          name
              + " needs samples of [2, T] (ids, labels) with T >= 3, got "
              + java.util.Arrays.toString(sampleShape));
    }
    return new BertMaskedLm(shape.apply(numClasses), sampleShape[1], seed);
  }
}
