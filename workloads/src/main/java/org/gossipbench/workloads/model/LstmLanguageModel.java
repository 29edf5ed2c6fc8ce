package org.gossipbench.workloads.model;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A word-level LSTM language model (DL4J: embedding → LSTM → per-step softmax, MCXENT) over samples
 * of T+1 token ids ({@link org.gossipbench.workloads.data.WordWindows}): it reads the first T and
 * predicts each one's successor. Seen as one flat FLOAT32 vector as {@link Dl4jModel} does, but the
 * loss is the mean PER TOKEN: DL4J's gradient is the sum over the batch's m·T tokens, so it is
 * divided by m·T, and its score (summed over time, divided by m) by T. {@link #evaluate} counts
 * tokens as samples, so {@link Evaluation#meanLoss()} is the per-token cross entropy (perplexity is
 * its exp) and {@link Evaluation#accuracy()} the next-token top-1 accuracy.
 */
public final class LstmLanguageModel implements Model {
  private static final int EVAL_CHUNK = 256;

  private final MultiLayerNetwork net;
  private final int steps;
  private final int vocab;
  private final int d;
  private final float[] mirror;
  private final FloatBuf params;
  private final FloatBuffer paramView;
  private final int paramBase;
  private final String description;
  private final float[] evalOutput;
  private INDArray[] inputs = new INDArray[0];
  private INDArray[] labels = new INDArray[0];

  /**
   * @param steps T, the tokens read per sample
   * @param vocab V + 2, the softmax's width
   */
  public LstmLanguageModel(int steps, int vocab, int embedding, int hidden, long seed) {
    this.steps = steps;
    this.vocab = vocab;
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(seed)
            .dataType(DataType.FLOAT)
            .updater(new NoOp())
            .weightInit(WeightInit.XAVIER)
            .list()
            .layer(
                new EmbeddingSequenceLayer.Builder()
                    .nIn(vocab)
                    .nOut(embedding)
                    .inputLength(steps)
                    .outputDataFormat(RNNFormat.NCW)
                    .build())
            .layer(
                new LSTM.Builder()
                    .nIn(embedding)
                    .nOut(hidden)
                    .activation(Activation.TANH)
                    .dataFormat(RNNFormat.NCW)
                    .build())
            .layer(
                new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(hidden)
                    .nOut(vocab)
                    .activation(Activation.SOFTMAX)
                    .dataFormat(RNNFormat.NCW)
                    .build())
            .build();
    this.net = new MultiLayerNetwork(conf);
    net.init();
    INDArray p = net.params();
    this.d = Math.toIntExact(p.length());
    this.mirror = new float[d];
    this.params = new FloatBuf(mirror);
    this.paramView = view(p);
    this.paramBase = Math.toIntExact(p.offset());
    paramView.get(paramBase, mirror, 0, d);
    this.evalOutput = new float[EVAL_CHUNK * vocab * steps];
    this.description =
        "lstm-lm (DL4J embedding "
            + embedding
            + ", LSTM "
            + hidden
            + ", softmax "
            + vocab
            + ", T = "
            + steps
            + "), float32, "
            + d
            + " parameters";
  }

  private static FloatBuffer view(INDArray a) {
    return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  @Override
  public DType dtype() {
    return DType.FLOAT32;
  }

  @Override
  public int parameterCount() {
    return d;
  }

  @Override
  public Buf parameters() {
    return params;
  }

  /** Inputs [rows, T] and one-hot labels [rows, vocab, T], made once per distinct row count. */
  private void ensure(int rows) {
    if (rows >= inputs.length) {
      inputs = java.util.Arrays.copyOf(inputs, rows + 1);
      labels = java.util.Arrays.copyOf(labels, rows + 1);
    }
    if (inputs[rows] == null) {
      inputs[rows] = Nd4j.create(DataType.FLOAT, rows, steps);
      labels[rows] = Nd4j.create(DataType.FLOAT, rows, vocab, steps);
    }
  }

  private void fillInputs(float[] features, int first, int rows) {
    FloatBuffer in = view(inputs[rows]);
    int width = steps + 1;
    for (int r = 0; r < rows; r++) {
      in.put(r * steps, features, (first + r) * width, steps);
    }
  }

  @Override
  public double gradient(Batch batch, Buf gradient) {
    int m = batch.size();
    if (m < 1 || batch.featureCount() != steps + 1) {
      throw new IllegalArgumentException(
          "need a non-empty batch of " + (steps + 1) + " token ids, got " + batch.featureCount());
    }
    ensure(m);
    float[] f = batch.features();
    fillInputs(f, 0, m);
    FloatBuffer lab = view(labels[m]);
    int width = steps + 1;
    int plane = vocab * steps;
    for (int i = 0; i < m * plane; i++) {
      lab.put(i, 0f);
    }
    for (int r = 0; r < m; r++) {
      for (int t = 0; t < steps; t++) {
        int y = (int) f[r * width + t + 1];
        lab.put(r * plane + y * steps + t, 1f);
      }
    }
    paramView.put(paramBase, mirror, 0, d);
    net.setInput(inputs[m]);
    net.setLabels(labels[m]);
    net.computeGradientAndScore();
    INDArray flat = net.gradient().gradient();
    float[] g = ((FloatBuf) gradient).array();
    view(flat).get(Math.toIntExact(flat.offset()), g, 0, d);
    float tokens = (float) m * steps;
    for (int i = 0; i < d; i++) {
      g[i] = g[i] / tokens;
    }
    return net.score() / steps;
  }

  @Override
  public Evaluation evaluate(Buf x, Dataset data, int from, int to) {
    if (x.length() != d || data.featureCount() != steps + 1) {
      throw new IllegalArgumentException(
          "x of " + x.length() + " for " + d + " parameters, samples of " + data.featureCount());
    }
    paramView.put(paramBase, ((FloatBuf) x).array(), 0, d);
    try {
      double loss = 0;
      long correct = 0;
      float[] f = data.features();
      int width = steps + 1;
      for (int start = from; start < to; start += EVAL_CHUNK) {
        int rows = Math.min(EVAL_CHUNK, to - start);
        ensure(rows);
        fillInputs(f, start, rows);
        INDArray out = net.output(inputs[rows], false);
        if (out.ordering() != 'c' || out.elementWiseStride() != 1) {
          out = out.dup('c');
        }
        view(out).get(Math.toIntExact(out.offset()), evalOutput, 0, rows * vocab * steps);
        for (int r = 0; r < rows; r++) {
          int base = r * vocab * steps;
          for (int t = 0; t < steps; t++) {
            int y = (int) f[(start + r) * width + t + 1];
            int best = 0;
            for (int c = 1; c < vocab; c++) {
              if (evalOutput[base + c * steps + t] > evalOutput[base + best * steps + t]) {
                best = c;
              }
            }
            if (best == y) {
              correct++;
            }
            loss -= Math.log(Math.max(evalOutput[base + y * steps + t], 1e-10));
          }
        }
      }
      return new Evaluation((long) (to - from) * steps, loss, correct);
    } finally {
      paramView.put(paramBase, mirror, 0, d);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    net.close();
  }
}
