package org.gossipbench.workloads.algorithm;

import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.DoubleBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.Evaluation;
import org.gossipbench.workloads.model.Model;

/**
 * f_i(x) = ½‖x − c_i‖² with exact gradients x − c_i: the optimum of (1/n) Σ f_i is the mean of the
 * c_i, b² = (1/n) Σ ‖c_i − c̄‖², and every fixed point of DSGD has a closed form.
 */
final class Quadratic implements Model {
  private final DoubleBuf x;
  private final double[] center;

  Quadratic(double[] center, double[] start) {
    this.center = center.clone();
    this.x = new DoubleBuf(start.clone());
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

  @Override
  public double gradient(Batch batch, Buf gradient) {
    double[] p = x.array();
    double[] g = ((DoubleBuf) gradient).array();
    double loss = 0;
    for (int i = 0; i < p.length; i++) {
      g[i] = p[i] - center[i];
      loss += 0.5 * g[i] * g[i];
    }
    return loss;
  }

  @Override
  public Evaluation evaluate(Buf at, Dataset data, int from, int to) {
    return Evaluation.EMPTY;
  }

  @Override
  public String describe() {
    return "quadratic d=" + center.length;
  }
}
