package org.gossipbench.workloads.model;

/**
 * A named model architecture. Every node builds its model with the same seed, so all start from the
 * same x⁽⁰⁾ as SPEC &sect;3 assumes. A new architecture (ResNet-50, BERT-scale, a GPU backend) is
 * one new builder registered in {@link ModelRegistry}; no algorithm changes.
 */
public interface ModelBuilder {

  /** Registry name, e.g. {@code mlp}, {@code lenet}, {@code logistic-regression}. */
  String name();

  /** One sentence for {@code train --list}. */
  String description();

  /**
   * @param sampleShape shape of one input sample, e.g. {1, 28, 28}
   * @param numClasses output classes (0 for regression)
   * @param seed initialization seed, the same on every node
   */
  Model build(int[] sampleShape, int numClasses, long seed);
}
