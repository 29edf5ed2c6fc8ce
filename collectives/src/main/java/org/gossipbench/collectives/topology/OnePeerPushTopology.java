package org.gossipbench.collectives.topology;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Kempe, Dobra &amp; Gehrke's push gossip ("Gossip-based computation of aggregate information",
 * FOCS 2003): every iteration each node j picks one peer uniformly from the n−1 others, keeps half
 * of its value and pushes the other half to that peer, w_jj = w_pj = 1/2. Each node sends one
 * message per iteration but may receive from several or none, so W^(k) is only {@link
 * Mixing#COLUMN_STOCHASTIC}; push-sum's ratio reaches the average in O(log n + log 1/ε) rounds with
 * high probability. Iteration k draws from its own stream seeded from (seed, k), so W^(k) is a pure
 * function of the parameters.
 */
public final class OnePeerPushTopology extends RandomDynamicTopology {

  private OnePeerPushTopology(int n, long seed) {
    super(n, seed, "one-peer-push:seed=" + seed);
  }

  /**
   * @return an aperiodic time-varying topology named {@code one-peer-push:seed=S}
   */
  public static Topology create(int n, long seed) {
    if (n < 1) {
      throw new TopologyException("one-peer-push: n must be at least 1, got " + n);
    }
    return new OnePeerPushTopology(n, seed);
  }

  @Override
  public Mixing mixing() {
    return Mixing.COLUMN_STOCHASTIC;
  }

  @Override
  public Optional<String> caveat() {
    return Optional.of(DirectedRandomTopology.CAVEAT);
  }

  @Override
  WeightMatrix draw(int n, SplittableRandom random) {
    WeightMatrix.Builder w = WeightMatrix.builder(n);
    for (int j = 0; j < n; j++) {
      int peer = (j + 1 + random.nextInt(n - 1)) % n;
      w.add(j, j, 0.5);
      w.add(peer, j, 0.5);
    }
    return w.build();
  }
}
