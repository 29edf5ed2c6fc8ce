package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;

/**
 * One rank's share of a distributed optimization algorithm (SPEC &sect;3), written once on flat
 * vectors. An instance is built per rank by its {@link AlgorithmRegistry.Entry} from an {@link
 * AlgorithmContext}, which hands it the model's live parameter vector x_i, a source of stochastic
 * gradients, planned (allocation-free) collectives and a local optimizer. Every rank calls {@link
 * #step} with the same k, in order; the collectives inside keep the ranks in lock step.
 *
 * <p>Construction may allocate (buffers, planned collectives, trackers); {@code step} must not.
 * Algorithms that need more state than x (trackers, previous iterates, push-sum weights) keep it in
 * buffers they allocate in their constructor, through {@link AlgorithmContext#newBuffer()}.
 */
public interface Algorithm {

  /** Iteration k (from 0): draw gradients through the context, communicate, update x_i in place. */
  void step(long k);

  /**
   * The point this rank's model is evaluated at and averaged into x̄ for evaluation and the
   * consensus distance: x_i for most algorithms; z_i = x_i / w_i for push-sum.
   */
  Buf estimate();
}
