package org.gossipbench.collectives.topology;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A communication graph with its mixing weights: for every iteration k a doubly stochastic (or, for
 * directed topologies that say so through {@link #mixing()}, only column-stochastic) {@link
 * WeightMatrix} W^(k) whose row i lists what node i receives (x_i &larr; &Sigma;_j w_ij x_j, SPEC
 * &sect;2; BlueFog stores the transpose).
 *
 * <p>A topology is a pure function of (n, parameters, seed, iteration): calling {@link
 * #weights(long)} twice with the same iteration returns equal matrices, in any order and from any
 * thread. Implementations are immutable and thread-safe.
 */
public interface Topology {

  /**
   * The canonical spec with every parameter resolved, e.g. {@code grid:rows=4:cols=8}; feeding it
   * back to {@link TopologyRegistry#create} rebuilds an equal topology.
   */
  String name();

  /** Number of nodes n &ge; 1. */
  int size();

  /** The weight matrix for iteration {@code k &ge; 0}. */
  WeightMatrix weights(long iteration);

  /**
   * Doubly stochastic unless the topology says otherwise; {@link TopologyValidator} checks every
   * matrix against it, and algorithms other than push-sum refuse {@link Mixing#COLUMN_STOCHASTIC}.
   */
  default Mixing mixing() {
    return Mixing.DOUBLY_STOCHASTIC;
  }

  /** Whether {@link #weights(long)} depends on the iteration. */
  default boolean isTimeVarying() {
    return false;
  }

  /**
   * Smallest p with W^(k+p) = W^(k) for all k: 1 for static topologies, empty for topologies that
   * draw a fresh random graph every iteration.
   */
  default OptionalInt period() {
    return OptionalInt.of(1);
  }

  /**
   * A caveat a user must see for this n, e.g. that a finite-time exactness guarantee from the
   * literature does not hold because n is not a power of two.
   */
  default Optional<String> caveat() {
    return Optional.empty();
  }
}
