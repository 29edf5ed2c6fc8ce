package org.gossipbench.workloads.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small ResNet for 28×28 images, sized for 2 CPU cores (3×3 convolutions are slow in DL4J on
 * CPU): a stride-2 3×3 stem of {@value #WIDTH} channels with BatchNorm and ReLU (28×28 → 14×14),
 * {@value #BLOCKS} basic residual blocks (conv-BN-ReLU-conv-BN, identity shortcut, ReLU), global
 * average pooling and a softmax. Every BatchNorm's running mean and variance are state entries of
 * the flat vector ({@link Dl4jModel}).
 */
public final class ResNetBuilder extends Dl4jBuilder {
  private static final int WIDTH = 8;
  private static final int BLOCKS = 2;

  @Override
  public String name() {
    return "resnet";
  }

  @Override
  public String description() {
    return "DL4J small ResNet, stride-2 stem + "
        + BLOCKS
        + " BatchNorm residual blocks of "
        + WIDTH
        + " channels, global average pooling, softmax, float32";
  }

  @Override
  public ComputationGraph network(int[] sampleShape, int numClasses, long seed, IUpdater updater) {
    int[] chw = image(name(), sampleShape);
    ComputationGraphConfiguration.GraphBuilder b =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .updater(updater)
            .weightInit(WeightInit.RELU)
            .convolutionMode(ConvolutionMode.Same)
            .graphBuilder()
            .addInputs("in")
            .setInputTypes(InputType.convolutionalFlat(chw[1], chw[2], chw[0]))
            .addLayer("stem", conv(2), "in")
            .addLayer("stem_bn", new BatchNormalization.Builder().build(), "stem")
            .addLayer("stem_relu", new ActivationLayer(Activation.RELU), "stem_bn");
    String last = "stem_relu";
    for (int k = 0; k < BLOCKS; k++) {
      String p = "block" + k + "_";
      b.addLayer(p + "conv1", conv(1), last)
          .addLayer(p + "bn1", new BatchNormalization.Builder().build(), p + "conv1")
          .addLayer(p + "relu1", new ActivationLayer(Activation.RELU), p + "bn1")
          .addLayer(p + "conv2", conv(1), p + "relu1")
          .addLayer(p + "bn2", new BatchNormalization.Builder().build(), p + "conv2")
          .addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "bn2", last)
          .addLayer(p + "relu2", new ActivationLayer(Activation.RELU), p + "add");
      last = p + "relu2";
    }
    b.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
        .addLayer(
            "out",
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(numClasses)
                .activation(Activation.SOFTMAX)
                .build(),
            "pool")
        .setOutputs("out");
    ComputationGraph net = new ComputationGraph(b.build());
    net.init();
    return net;
  }

  private static ConvolutionLayer conv(int stride) {
    return new ConvolutionLayer.Builder(3, 3)
        .nOut(WIDTH)
        .stride(stride, stride)
        .activation(Activation.IDENTITY)
        .build();
  }
}
