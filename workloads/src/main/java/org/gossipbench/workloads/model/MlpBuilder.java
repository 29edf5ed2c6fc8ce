package org.gossipbench.workloads.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** One hidden layer of 256 ReLU units, softmax output: 203,530 parameters on MNIST. */
public final class MlpBuilder extends Dl4jBuilder {
  private static final int HIDDEN = 256;

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public String description() {
    return "DL4J MLP, input-256-classes, ReLU, softmax (203,530 parameters on MNIST), float32";
  }

  @Override
  public MultiLayerNetwork network(int[] sampleShape, int numClasses, long seed, IUpdater updater) {
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .updater(updater)
            .weightInit(WeightInit.XAVIER)
            .list()
            .layer(
                new DenseLayer.Builder()
                    .nIn(featureCount(sampleShape))
                    .nOut(HIDDEN)
                    .activation(Activation.RELU)
                    .build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(HIDDEN)
                    .nOut(numClasses)
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
