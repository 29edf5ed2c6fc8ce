package org.gossipbench.collectives.topology;

import java.util.Optional;

/** A topology whose weights do not depend on the iteration; the matrix is built once. */
public class StaticTopology implements Topology {
  private final String name;
  private final WeightMatrix weights;
  private final String caveat;
  private final Mixing mixing;

  public StaticTopology(String name, WeightMatrix weights) {
    this(name, weights, null);
  }

  public StaticTopology(String name, WeightMatrix weights, String caveat) {
    this(name, weights, caveat, Mixing.DOUBLY_STOCHASTIC);
  }

  public StaticTopology(String name, WeightMatrix weights, String caveat, Mixing mixing) {
    this.name = name;
    this.weights = weights;
    this.caveat = caveat;
    this.mixing = mixing;
  }

  @Override
  public final Mixing mixing() {
    return mixing;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int size() {
    return weights.size();
  }

  @Override
  public final WeightMatrix weights(long iteration) {
    if (iteration < 0) {
      throw new IllegalArgumentException("iteration must be non-negative, got " + iteration);
    }
    return weights;
  }

  @Override
  public Optional<String> caveat() {
    return Optional.ofNullable(caveat);
  }

  @Override
  public String toString() {
    return name + " (n=" + size() + ")";
  }
}
