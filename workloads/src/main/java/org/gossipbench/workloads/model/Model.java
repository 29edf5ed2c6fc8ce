package org.gossipbench.workloads.model;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;

/**
 * One node's model seen as a single flat parameter vector x ∈ R^d, the form in which every
 * algorithm of SPEC &sect;3 is written once. The vector returned by {@link #parameters()} is live:
 * algorithms update it in place (including through collectives planned on it) and the next {@link
 * #gradient} sees the change. Not thread-safe: one rank owns one model.
 *
 * <p><b>State ranges.</b> Some entries of x are not trained by gradient (BatchNorm running mean and
 * variance in DL4J live inside its flat parameter vector). {@link #stateRanges()} lists them;
 * {@link #gradient} updates them in place itself (DL4J's running-average delta, applied with factor
 * 1) and writes 0 into the gradient there, so an optimizer step leaves them alone while averaging
 * (allreduce, gossip) averages them with the rest, as the model's Javadoc of each implementation
 * states.
 */
public interface Model extends AutoCloseable {

  /** Element type of {@link #parameters()} and of the gradient buffers the caller passes. */
  DType dtype();

  /** d, the length of the flat vector. */
  int parameterCount();

  /** The live flat parameter vector (the same object for the model's whole life). */
  Buf parameters();

  /**
   * Flat {@code [start, end)} pairs of entries that are state, not trained by gradient; empty for
   * most models.
   */
  default int[] stateRanges() {
    return new int[0];
  }

  /**
   * Computes the stochastic gradient at the current {@link #parameters()} on {@code batch}: the
   * MEAN over the batch's rows (plus any regularizer's gradient), written into {@code gradient}
   * (length {@link #parameterCount()}, same dtype). Allocates nothing on the harness side.
   *
   * @return the mean training loss over the batch (with the regularizer, if any)
   */
  double gradient(Batch batch, Buf gradient);

  /**
   * Evaluates the model with parameters {@code x} (not necessarily {@link #parameters()}, e.g. the
   * average x̄) on samples {@code [from, to)} of {@code data}. Leaves {@link #parameters()}
   * unchanged.
   */
  Evaluation evaluate(Buf x, Dataset data, int from, int to);

  /** One line: architecture and parameter count, for logs and provenance. */
  String describe();

  @Override
  default void close() {}
}
