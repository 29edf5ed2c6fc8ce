package org.gossipbench.workloads.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gossipbench.workloads.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The harness-overhead reference: the same builder's network trained by a plain DL4J loop, {@code
 * fit(DataSet)} per minibatch with DL4J's own {@code Sgd(lr)} updater, on consecutive batches of
 * the given data (wrapping around). Minibatches are built before timing, so the timed part is
 * DL4J's forward, backward and update only. Run it in the same process and configuration ({@link
 * Dl4jRuntime}, OpenMP environment) as the trainer it is compared with.
 */
public final class PlainFitBaseline {

  /**
   * @param samples samples fitted in the timed steps
   * @param fitNanos wall-clock nanoseconds spent inside {@code fit()} over the timed steps
   * @param finalScore DL4J's score (mean loss) on the last minibatch
   */
  public record Result(long samples, long fitNanos, double finalScore) {
    /** Throughput as samples ÷ fit seconds (not from a median step: steps have heavy tails). */
    public double samplesPerSecond() {
      return samples / (fitNanos / 1e9);
    }

    public double millisPerStep(int batchSize) {
      return fitNanos / 1e6 / ((double) samples / batchSize);
    }
  }

  private PlainFitBaseline() {}

  /**
   * Trains {@code warmupSteps} untimed then {@code steps} timed minibatches of {@code batchSize}.
   */
  public static Result run(
      Dl4jBuilder builder,
      Dataset data,
      long seed,
      int batchSize,
      int warmupSteps,
      int steps,
      double learningRate) {
    if (batchSize < 1 || steps < 1 || warmupSteps < 0) {
      throw new IllegalArgumentException(
          "need batch size >= 1, steps >= 1, warm-up >= 0; got "
              + batchSize
              + ", "
              + steps
              + ", "
              + warmupSteps);
    }
    org.deeplearning4j.nn.api.Model net =
        builder.network(data.sampleShape(), data.numClasses(), seed, new Sgd(learningRate));
    int total = warmupSteps + steps;
    int distinct = Math.min(total, Math.max(1, data.size() / batchSize));
    DataSet[] batches = new DataSet[distinct];
    int f = data.featureCount();
    for (int k = 0; k < distinct; k++) {
      float[] features = new float[batchSize * f];
      INDArray labels = Nd4j.zeros(DataType.FLOAT, batchSize, data.numClasses());
      for (int j = 0; j < batchSize; j++) {
        int i = (k * batchSize + j) % data.size();
        System.arraycopy(data.features(), i * f, features, j * f, f);
        labels.putScalar(j, data.label(i), 1f);
      }
      batches[k] = new DataSet(Nd4j.create(features, new long[] {batchSize, f}, 'c'), labels);
    }
    long fitNanos = 0;
    for (int k = 0; k < total; k++) {
      DataSet ds = batches[k % distinct];
      long t0 = System.nanoTime();
      if (net instanceof MultiLayerNetwork m) {
        m.fit(ds);
      } else {
        ((ComputationGraph) net).fit(ds);
      }
      long t1 = System.nanoTime();
      if (k >= warmupSteps) {
        fitNanos += t1 - t0;
      }
    }
    return new Result((long) steps * batchSize, fitNanos, net.score());
  }
}
