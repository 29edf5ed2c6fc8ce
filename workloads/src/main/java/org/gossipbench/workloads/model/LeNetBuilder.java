package org.gossipbench.workloads.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * LeNet-5 as in DL4J's MNIST example: conv 5×5×20, max-pool 2, conv 5×5×50, max-pool 2, dense 500
 * ReLU, softmax; 431,080 parameters on 1×28×28.
 */
public final class LeNetBuilder extends Dl4jBuilder {

  @Override
  public String name() {
    return "lenet";
  }

  @Override
  public String description() {
    return "DL4J LeNet, conv5x5x20-pool-conv5x5x50-pool-dense500-softmax (431,080 parameters on"
        + " MNIST), float32";
  }

  @Override
  public MultiLayerNetwork network(int[] sampleShape, int numClasses, long seed, IUpdater updater) {
    int[] chw = image(name(), sampleShape);
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .updater(updater)
            .weightInit(WeightInit.XAVIER)
            .list()
            .layer(
                new ConvolutionLayer.Builder(5, 5)
                    .nOut(20)
                    .stride(1, 1)
                    .activation(Activation.IDENTITY)
                    .build())
            .layer(
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .build())
            .layer(
                new ConvolutionLayer.Builder(5, 5)
                    .nOut(50)
                    .stride(1, 1)
                    .activation(Activation.IDENTITY)
                    .build())
            .layer(
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(2, 2)
                    .stride(2, 2)
                    .build())
            .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(numClasses)
                    .activation(Activation.SOFTMAX)
                    .build())
            .setInputType(InputType.convolutionalFlat(chw[1], chw[2], chw[0]))
            .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    return net;
  }
}
