package org.gossipbench.collectives.topology;

/**
 * What a topology's weight matrices promise, and so which algorithms may run on it (SPEC &sect;2,
 * &sect;3).
 */
public enum Mixing {
  /**
   * Rows and columns sum to 1: x_i &larr; &Sigma;_j w_ij x_j keeps the network mean and drives
   * every node to it. Every algorithm runs on these.
   */
  DOUBLY_STOCHASTIC("doubly stochastic"),

  /**
   * Only the columns sum to 1: each sender splits its value among its out-neighbors (out-degree
   * weights), which keeps the network sum but not the mean, and the nodes converge to a weighted
   * point, not the average. Only push-sum, which mixes a weight beside x and de-biases by it (Kempe
   * et al. 2003; Assran et al., ICML 2019), converges on these.
   */
  COLUMN_STOCHASTIC("column stochastic");

  private final String label;

  Mixing(String label) {
    this.label = label;
  }

  /** Lower-case words for messages and tables, e.g. "column stochastic". */
  public String label() {
    return label;
  }
}
