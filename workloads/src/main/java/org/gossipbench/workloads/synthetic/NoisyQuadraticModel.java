package org.gossipbench.workloads.synthetic;

import java.util.SplittableRandom;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.Evaluation;
import org.gossipbench.workloads.model.Model;

/**
 * One node of a {@link HeterogeneousQuadratic}: f_i(x) = ½‖x − c_i‖², float64, whose stochastic
 * gradient is x − c_i + σ·ξ with ξ ~ N(0, I) from the node's stream. It takes no data (the batch is
 * ignored: the noise is the mini-batch), allocates nothing per gradient and has nothing to evaluate
 * on a held-out set.
 */
public final class NoisyQuadraticModel implements Model {
  private final DoubleBuf x;
  private final double[] center;
  private final double sigma;
  private final SplittableRandom noise;

  NoisyQuadraticModel(double[] center, double[] start, double sigma, SplittableRandom noise) {
    if (start.length != center.length) {
      throw new IllegalArgumentException(
          "start has " + start.length + " entries, the problem " + center.length);
    }
    this.center = center.clone();
    this.x = new DoubleBuf(start.clone());
    this.sigma = sigma;
    this.noise = noise;
  }

  @Override
  public DType dtype() {
    return DType.FLOAT64;
  }

  @Override
  public int parameterCount() {
    return center.length;
  }

  @Override
  public Buf parameters() {
    return x;
  }

  /** The exact gradient plus noise; returns the noiseless loss f_i(x). */
  @Override
  public double gradient(Batch batch, Buf gradient) {
    double[] p = x.array();
    double[] g = ((DoubleBuf) gradient).array();
    double loss = 0;
    for (int j = 0; j < p.length; j++) {
      double exact = p[j] - center[j];
      loss += 0.5 * exact * exact;
      g[j] = sigma == 0 ? exact : exact + sigma * noise.nextGaussian();
    }
    return loss;
  }

  @Override
  public Evaluation evaluate(Buf at, Dataset data, int from, int to) {
    return Evaluation.EMPTY;
  }

  @Override
  public String describe() {
    return "noisy quadratic d=" + center.length + " sigma=" + sigma;
  }
}
