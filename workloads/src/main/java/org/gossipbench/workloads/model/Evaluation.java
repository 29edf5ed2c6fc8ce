package org.gossipbench.workloads.model;

/**
 * Sums over an evaluated range of samples, so that ranks can each evaluate a slice of the held-out
 * set and the trainer adds the slices (in rank order, for determinism) before dividing.
 *
 * @param samples samples evaluated
 * @param lossSum sum of per-sample losses (the model's training loss, without regularization)
 * @param correct samples whose arg-max class equals the label (0 for regression)
 */
public record Evaluation(long samples, double lossSum, long correct) {
  public static final Evaluation EMPTY = new Evaluation(0, 0, 0);

  public Evaluation plus(Evaluation o) {
    return new Evaluation(samples + o.samples, lossSum + o.lossSum, correct + o.correct);
  }

  public double meanLoss() {
    return samples == 0 ? Double.NaN : lossSum / samples;
  }

  public double accuracy() {
    return samples == 0 ? Double.NaN : (double) correct / samples;
  }
}
