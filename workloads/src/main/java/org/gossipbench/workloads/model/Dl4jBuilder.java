package org.gossipbench.workloads.model;

import java.util.Arrays;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * A DL4J architecture: builds the network with any updater, so that the harness ({@link #build},
 * no-op updater, the algorithm is the optimizer) and the plain-DL4J baseline ({@link
 * PlainFitBaseline}, {@code Sgd(lr)}) train exactly the same network from the same seed. Networks
 * take the flat sample {@code [rows, featureCount]} as input.
 */
public abstract class Dl4jBuilder implements ModelBuilder {

  /**
   * An initialized network (weights drawn from {@code seed}) for samples of {@code sampleShape} and
   * a softmax over {@code numClasses}, updating with {@code updater} when {@code fit()} runs.
   */
  public abstract org.deeplearning4j.nn.api.Model network(
      int[] sampleShape, int numClasses, long seed, IUpdater updater);

  @Override
  public Model build(int[] sampleShape, int numClasses, long seed) {
    if (numClasses < 2) {
      throw new IllegalArgumentException(
          name() + " is a classifier and needs at least 2 classes, got " + numClasses);
    }
    return new Dl4jModel(
        name(),
        network(sampleShape, numClasses, seed, new NoOp()),
        featureCount(sampleShape),
        numClasses);
  }

  static int featureCount(int[] sampleShape) {
    return Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
  }

  /** {channels, height, width} of an image shape, or a one-line error naming the builder. */
  static int[] image(String name, int[] sampleShape) {
    if (sampleShape.length != 3) {
      throw new IllegalArgumentException(
          name
              + " needs image samples {channels, height, width}, got shape "
              + Arrays.toString(sampleShape));
    }
    return sampleShape;
  }
}
