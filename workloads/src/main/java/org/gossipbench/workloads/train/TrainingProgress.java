package org.gossipbench.workloads.train;

/**
 * What the trainer reports while it runs, called on rank 0's thread only (a terminal progress bar,
 * log lines, or nothing). Implementations must be cheap: {@link #step} runs inside the timed loop's
 * thread, between steps.
 */
public interface TrainingProgress {
  TrainingProgress NONE = new TrainingProgress() {};

  /** Once, before the first step. */
  default void start(long totalSteps, long stepsPerEpoch, String description) {}

  /** After step k (from 0) of rank 0, with rank 0's mean batch loss. */
  default void step(long k, double epoch, double loss) {}

  /** After an evaluation of x̄ that followed step k. */
  default void evaluated(long k, double epoch, double metric, double loss, double consensus) {}

  /** Once, after the last step, with the reason the run stopped. */
  default void finish(String stopReason) {}
}
