package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;

/**
 * Where an algorithm gets its stochastic gradients ∇F(x_i; ξ): each call draws the rank's next
 * mini-batch ξ and evaluates the gradient at the model's current parameters x_i, so an algorithm
 * that needs ∇F at another point (a look-ahead, a pre-gossip copy) moves x_i there first.
 */
@FunctionalInterface
public interface GradientSource {

  /**
   * Writes the mean-over-batch gradient at the current parameters into {@code gradient}.
   *
   * @return the mean training loss over the batch
   */
  double next(Buf gradient);
}
