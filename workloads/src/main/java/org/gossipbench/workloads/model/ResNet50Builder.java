package org.gossipbench.workloads.model;

import java.util.Arrays;
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
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The bottleneck ResNet-50 (He et al. 2016, torchvision's v1.5 layout: the stride on the 3×3
 * convolution) for ImageNet-style 3×224×224 input, no pretrained weights: a 7×7 stride-2 stem of 64
 * channels with BatchNorm and ReLU, a 3×3 stride-2 max pool, four stages of {3, 4, 6, 3} bottleneck
 * blocks (1×1, 3×3, 1×1 convolutions of width 64·2^s, 4× expansion, a 1×1 projection shortcut on
 * each stage's first block), global average pooling and a softmax. Convolutions have no bias, as in
 * the reference, because the BatchNorm after them has its own shift.
 *
 * <p>Written with {@link ComputationGraph} rather than DL4J's zoo so that the same code builds a
 * reduced-depth copy ({@link #ResNet50Builder(int[])}) for tests on 2 CPU cores; the full model has
 * 25,557,032 trainable entries for 1000 classes (weights, the output bias, BatchNorm γ/β) plus
 * 53,120 BatchNorm running mean/variance entries, which are state ranges of {@link Dl4jModel}.
 */
public final class ResNet50Builder extends Dl4jBuilder {
  /** Bottleneck blocks per stage of the standard ResNet-50. */
  public static final int[] FULL_DEPTH = {3, 4, 6, 3};

  private static final int STEM = 64;
  private static final int EXPANSION = 4;

  private final int[] blocks;

  public ResNet50Builder() {
    this(FULL_DEPTH);
  }

  /**
   * The same architecture with {@code blocksPerStage[s]} bottleneck blocks in stage s (4 stages,
   * each at least 1), for a reduced-depth copy whose layers have the full model's shapes.
   */
  public ResNet50Builder(int[] blocksPerStage) {
    if (blocksPerStage.length != 4 || Arrays.stream(blocksPerStage).anyMatch(n -> n < 1)) {
      throw new IllegalArgumentException(
          "resnet50 needs 4 stages of >= 1 blocks, got " + Arrays.toString(blocksPerStage));
    }
    this.blocks = blocksPerStage.clone();
  }

  @Override
  public String name() {
    return "resnet50";
  }

  @Override
  public String description() {
    return "DL4J bottleneck ResNet-50 (stages "
        + Arrays.toString(blocks)
        + "), 7x7 stem, BatchNorm, global average pooling, softmax, for 3x224x224 input, float32";
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
            .addLayer("stem", conv(7, STEM, 2), "in")
            .addLayer("stem_bn", bn(), "stem")
            .addLayer("stem_relu", new ActivationLayer(Activation.RELU), "stem_bn")
            .addLayer(
                "stem_pool",
                new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(3, 3)
                    .stride(2, 2)
                    .build(),
                "stem_relu");
    String last = "stem_pool";
    for (int s = 0; s < 4; s++) {
      int width = STEM << s;
      for (int k = 0; k < blocks[s]; k++) {
        String p = "s" + s + "b" + k + "_";
        int stride = (k == 0 && s > 0) ? 2 : 1;
        b.addLayer(p + "conv1", conv(1, width, 1), last)
            .addLayer(p + "bn1", bn(), p + "conv1")
            .addLayer(p + "relu1", new ActivationLayer(Activation.RELU), p + "bn1")
            .addLayer(p + "conv2", conv(3, width, stride), p + "relu1")
            .addLayer(p + "bn2", bn(), p + "conv2")
            .addLayer(p + "relu2", new ActivationLayer(Activation.RELU), p + "bn2")
            .addLayer(p + "conv3", conv(1, width * EXPANSION, 1), p + "relu2")
            .addLayer(p + "bn3", bn(), p + "conv3");
        String shortcut = last;
        if (k == 0) {
          b.addLayer(p + "proj", conv(1, width * EXPANSION, stride), last)
              .addLayer(p + "proj_bn", bn(), p + "proj");
          shortcut = p + "proj_bn";
        }
        b.addVertex(p + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "bn3", shortcut)
            .addLayer(p + "relu3", new ActivationLayer(Activation.RELU), p + "add");
        last = p + "relu3";
      }
    }
    b.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), last)
        .addLayer(
            "out",
            new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(numClasses)
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER)
                .build(),
            "pool")
        .setOutputs("out");
    ComputationGraph net = new ComputationGraph(b.build());
    net.init();
    return net;
  }

  private static BatchNormalization bn() {
    return new BatchNormalization.Builder().build();
  }

  private static ConvolutionLayer conv(int kernel, int nOut, int stride) {
    return new ConvolutionLayer.Builder(kernel, kernel)
        .nOut(nOut)
        .stride(stride, stride)
        .hasBias(false)
        .activation(Activation.IDENTITY)
        .build();
  }
}
