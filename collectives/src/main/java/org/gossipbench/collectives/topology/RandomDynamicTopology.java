package org.gossipbench.collectives.topology;

import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * A time-varying topology that draws a fresh random graph every iteration (aperiodic). Iteration k
 * draws from its own stream seeded from (seed, k), so W^(k) is a pure function of the parameters,
 * the seed and k, answerable in any order.
 */
abstract class RandomDynamicTopology implements Topology {
  private final int n;
  private final long seed;
  private final String name;

  RandomDynamicTopology(int n, long seed, String name) {
    this.n = n;
    this.seed = seed;
    this.name = name;
  }

  /** Builds W^(k) for n &ge; 2 from the iteration's own random stream. */
  abstract WeightMatrix draw(int n, SplittableRandom random);

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int size() {
    return n;
  }

  @Override
  public final WeightMatrix weights(long iteration) {
    if (iteration < 0) {
      throw new IllegalArgumentException("iteration must be non-negative, got " + iteration);
    }
    if (n == 1) {
      return WeightMatrix.identity(1);
    }
    return draw(n, EquiTopo.iterationRandom(seed, iteration));
  }

  @Override
  public final boolean isTimeVarying() {
    return true;
  }

  @Override
  public final OptionalInt period() {
    return OptionalInt.empty();
  }

  @Override
  public String toString() {
    return name + " (n=" + n + ")";
  }
}
