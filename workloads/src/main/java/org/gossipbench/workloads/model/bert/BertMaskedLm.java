package org.gossipbench.workloads.model.bert;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.gossipbench.workloads.model.Evaluation;
import org.gossipbench.workloads.model.Model;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A BERT encoder with its masked-LM head, written in SameDiff as the paper's equations read
 * (post-LayerNorm blocks, GELU feed-forward of width 4H, scaled dot-product attention, decoder tied
 * to the word embeddings), seen as one flat FLOAT32 vector of {@link
 * BertConfig#maskedLmParameters()} entries.
 *
 * <p><b>Samples</b> are {@code [2, T]} rows ({@link MaskedLmCorpus}): T input ids after masking,
 * then T label ids, -1 where the position is not predicted. The loss is the mean cross entropy over
 * the batch's predicted positions; {@link #evaluate} counts predicted positions as samples, so
 * {@link Evaluation#meanLoss()} is the masked-token cross entropy and {@link Evaluation#accuracy()}
 * the masked-token top-1 accuracy.
 *
 * <p><b>Embeddings as products with one-hot rows.</b> SameDiff 1.0.0-M2.1's gradient of {@code
 * gather} fails while building the backward graph ("Unable to replace samediff namespace"), so the
 * word, position and token-type lookups are one-hot matrices times the tables. Their gradient is
 * then a plain matrix product, exact; the cost is N·V·H multiply-adds per table per step (N = B·T
 * tokens), about 5 % of BERT-large's own forward work at V = 30,522, and N·V floats of input.
 *
 * <p><b>Left out, on purpose:</b> dropout (its masks would be one more random stream per step; the
 * benchmark compares optimizers on the same deterministic model) and next-sentence prediction (and
 * with it the pooler), as RoBERTa does; every sequence is packed to full length, so no attention
 * mask is needed. Initialization follows the reference code: N(0, 0.02²) truncated at 2σ for every
 * matrix, zero biases, unit LayerNorm gains, all drawn from the seed.
 */
public final class BertMaskedLm implements Model {
  private static final double INIT_STD = 0.02;

  private final BertConfig config;
  private final int steps;
  private final int d;
  private final float[] mirror;
  private final FloatBuf params;
  private final SameDiff sd;
  private final List<String> names = new ArrayList<>();
  private final List<int[]> ranges = new ArrayList<>();
  private final List<String> gradientNames;
  private final Map<Integer, Map<String, INDArray>> inputsByRows = new HashMap<>();
  private final String description;
  private float[] evalLogProbs = new float[0];

  /**
   * @param steps T, tokens per sequence (at most {@link BertConfig#maxPositions()})
   */
  public BertMaskedLm(BertConfig config, int steps, long seed) {
    if (steps < 2 || steps > config.maxPositions()) {
      throw new IllegalArgumentException(
          "sequences of "
              + steps
              + " tokens for a BERT of "
              + config.maxPositions()
              + " positions");
    }
    this.config = config;
    this.steps = steps;
    long count = config.maskedLmParameters();
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(count + " parameters do not fit one flat Java array");
    }
    this.d = (int) count;
    this.mirror = new float[d];
    this.params = new FloatBuf(mirror);
    this.sd = SameDiff.create();
    build(new SplittableRandom(seed));
    if (offset != d) {
      throw new IllegalStateException("laid out " + offset + " parameters, expected " + d);
    }
    this.gradientNames = List.copyOf(names);
    this.description =
        String.format(
            "bert-mlm (SameDiff, L=%d H=%d A=%d V=%d, T=%d), float32, %,d parameters",
            config.layers(), config.hidden(), config.heads(), config.vocab(), steps, d);
  }

  public BertConfig config() {
    return config;
  }

  // ---- graph -------------------------------------------------------------------------------

  private int offset;

  /** A trainable variable laid out next in the flat vector, initialized there. */
  private SDVariable param(String name, Init init, SplittableRandom rng, long... shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    int start = offset;
    int end = Math.toIntExact(start + n);
    switch (init) {
      case NORMAL -> truncatedNormal(rng, mirror, start, end);
      case ZERO -> java.util.Arrays.fill(mirror, start, end, 0f);
      case ONE -> java.util.Arrays.fill(mirror, start, end, 1f);
    }
    offset = end;
    names.add(name);
    ranges.add(new int[] {start, end});
    return sd.var(name, Nd4j.create(DataType.FLOAT, shape));
  }

  private enum Init {
    NORMAL,
    ZERO,
    ONE
  }

  /**
   * Fills {@code [from, to)} with N(0, 0.02²) truncated at 2σ by rejection, both Box-Muller
   * variates used (BERT-large draws 335 M of them), from the seeded stream so every rank starts at
   * the same x(0).
   */
  private static void truncatedNormal(SplittableRandom rng, float[] out, int from, int to) {
    int i = from;
    while (i < to) {
      double r = Math.sqrt(-2 * Math.log(1 - rng.nextDouble()));
      double angle = 2 * Math.PI * rng.nextDouble();
      double z1 = r * Math.cos(angle);
      double z2 = r * Math.sin(angle);
      if (Math.abs(z1) <= 2) {
        out[i++] = (float) (INIT_STD * z1);
      }
      if (i < to && Math.abs(z2) <= 2) {
        out[i++] = (float) (INIT_STD * z2);
      }
    }
  }

  private SDVariable dense(String name, SDVariable x, int in, int out, SplittableRandom rng) {
    SDVariable w = param(name + "/w", Init.NORMAL, rng, in, out);
    SDVariable b = param(name + "/b", Init.ZERO, rng, out);
    return x.mmul(w).add(b);
  }

  private SDVariable layerNorm(String name, SDVariable x, SplittableRandom rng) {
    int h = config.hidden();
    SDVariable gain = param(name + "/gamma", Init.ONE, rng, h);
    SDVariable bias = param(name + "/beta", Init.ZERO, rng, h);
    return sd.nn().layerNorm(x, gain, bias, false, 1);
  }

  private void build(SplittableRandom rng) {
    int v = config.vocab();
    int h = config.hidden();
    int a = config.heads();
    int dh = h / a;
    SDVariable tokens = sd.placeHolder("tokens", DataType.FLOAT, -1, v);
    SDVariable positions = sd.placeHolder("positions", DataType.FLOAT, -1, config.maxPositions());
    SDVariable types = sd.placeHolder("types", DataType.FLOAT, -1, BertConfig.TYPE_VOCAB);
    SDVariable labels = sd.placeHolder("labels", DataType.FLOAT, -1, v);

    SDVariable word = param("embeddings/word", Init.NORMAL, rng, v, h);
    SDVariable pos = param("embeddings/position", Init.NORMAL, rng, config.maxPositions(), h);
    SDVariable type = param("embeddings/type", Init.NORMAL, rng, BertConfig.TYPE_VOCAB, h);
    SDVariable x =
        layerNorm(
            "embeddings/norm",
            tokens.mmul(word).add(positions.mmul(pos)).add(types.mmul(type)),
            rng);

    double scale = 1.0 / Math.sqrt(dh);
    MMulTranspose transposeB = MMulTranspose.builder().transposeB(true).build();
    for (int l = 0; l < config.layers(); l++) {
      String p = "layer" + l;
      SDVariable q = heads(dense(p + "/query", x, h, h, rng), a, dh);
      SDVariable k = heads(dense(p + "/key", x, h, h, rng), a, dh);
      SDVariable val = heads(dense(p + "/value", x, h, h, rng), a, dh);
      SDVariable scores = q.mmul(null, k, transposeB).mul(scale);
      SDVariable weights = sd.nn().softmax(scores, 3);
      SDVariable context = weights.mmul(val).permute(0, 2, 1, 3).reshape(-1, h);
      SDVariable attended = dense(p + "/attention-out", context, h, h, rng);
      x = layerNorm(p + "/attention-norm", x.add(attended), rng);
      SDVariable inner = sd.nn().gelu(dense(p + "/intermediate", x, h, config.intermediate(), rng));
      SDVariable out = dense(p + "/output", inner, config.intermediate(), h, rng);
      x = layerNorm(p + "/output-norm", x.add(out), rng);
    }
    SDVariable t = layerNorm("mlm/norm", sd.nn().gelu(dense("mlm/transform", x, h, h, rng)), rng);
    SDVariable decoderBias = param("mlm/decoder-bias", Init.ZERO, rng, v);
    SDVariable logits = t.mmul(null, word, transposeB).add(decoderBias);
    SDVariable logProbs = sd.nn().logSoftmax("log_probs", logits);
    SDVariable loss = labels.mul(logProbs).sum().neg().div(labels.sum()).rename("loss");
    sd.setLossVariables(loss);
    for (int i = 0; i < names.size(); i++) {
      copyIn(mirror, i);
    }
  }

  /** [N, H] to [B, A, T, H/A]. */
  private SDVariable heads(SDVariable x, int a, int dh) {
    return x.reshape(-1, steps, a, dh).permute(0, 2, 1, 3);
  }

  // ---- Model --------------------------------------------------------------------------------

  private static FloatBuffer view(INDArray a) {
    return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private void copyIn(float[] source, int variable) {
    INDArray arr = sd.getVariable(names.get(variable)).getArr();
    int[] r = ranges.get(variable);
    view(arr).put(Math.toIntExact(arr.offset()), source, r[0], r[1] - r[0]);
  }

  private void load(float[] source) {
    for (int i = 0; i < names.size(); i++) {
      copyIn(source, i);
    }
  }

  /** One-hot inputs for {@code rows} sequences, made once per distinct row count. */
  private Map<String, INDArray> inputs(int rows) {
    return inputsByRows.computeIfAbsent(
        rows,
        r -> {
          int n = r * steps;
          INDArray positions = Nd4j.create(DataType.FLOAT, n, config.maxPositions());
          INDArray types = Nd4j.create(DataType.FLOAT, n, BertConfig.TYPE_VOCAB);
          for (int i = 0; i < n; i++) {
            positions.putScalar(i, i % steps, 1f);
            types.putScalar(i, 0, 1f); // every packed sequence is one segment, type A
          }
          Map<String, INDArray> m = new HashMap<>();
          m.put("tokens", Nd4j.create(DataType.FLOAT, n, config.vocab()));
          m.put("labels", Nd4j.create(DataType.FLOAT, n, config.vocab()));
          m.put("positions", positions);
          m.put("types", types);
          return m;
        });
  }

  /**
   * Writes the one-hot token and label rows of {@code rows} samples starting at {@code first}.
   *
   * @return the number of predicted positions
   */
  private int fill(Map<String, INDArray> in, float[] features, int first, int rows) {
    int v = config.vocab();
    FloatBuffer tok = view(in.get("tokens"));
    FloatBuffer lab = view(in.get("labels"));
    int n = rows * steps;
    for (int i = 0; i < n * v; i++) {
      tok.put(i, 0f);
      lab.put(i, 0f);
    }
    int predicted = 0;
    int width = 2 * steps;
    for (int r = 0; r < rows; r++) {
      int base = (first + r) * width;
      for (int t = 0; t < steps; t++) {
        int row = r * steps + t;
        int id = (int) features[base + t];
        int label = (int) features[base + steps + t];
        if (id < 0 || id >= v || label < -1 || label >= v) {
          throw new IllegalArgumentException(
              "token " + id + " / label " + label + " outside a vocabulary of " + v);
        }
        tok.put(row * v + id, 1f);
        if (label >= 0) {
          lab.put(row * v + label, 1f);
          predicted++;
        }
      }
    }
    return predicted;
  }

  private void checkShape(int featureCount) {
    if (featureCount != 2 * steps) {
      throw new IllegalArgumentException(
          "need samples of 2 x " + steps + " (ids, labels), got " + featureCount + " values");
    }
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

  @Override
  public double gradient(Batch batch, Buf gradient) {
    int m = batch.size();
    if (m < 1) {
      throw new IllegalArgumentException("need a non-empty batch");
    }
    checkShape(batch.featureCount());
    Map<String, INDArray> in = inputs(m);
    if (fill(in, batch.features(), 0, m) == 0) {
      throw new IllegalArgumentException("the batch has no masked position to predict");
    }
    load(mirror);
    OutAndGrad r = sd.calculateGradientsAndOutputs(in, List.of("loss"), gradientNames);
    float[] g = ((FloatBuf) gradient).array();
    Map<String, INDArray> grads = r.getGradients();
    for (int i = 0; i < names.size(); i++) {
      INDArray gi = grads.get(names.get(i));
      if (gi.ordering() != 'c' || gi.elementWiseStride() != 1) {
        gi = gi.dup('c');
      }
      int[] range = ranges.get(i);
      view(gi).get(Math.toIntExact(gi.offset()), g, range[0], range[1] - range[0]);
    }
    return r.getOutputs().get("loss").getDouble(0);
  }

  @Override
  public Evaluation evaluate(Buf x, Dataset data, int from, int to) {
    if (x.length() != d) {
      throw new IllegalArgumentException("x of " + x.length() + " for " + d + " parameters");
    }
    checkShape(data.featureCount());
    load(((FloatBuf) x).array());
    try {
      int v = config.vocab();
      int chunk = Math.max(1, Math.min(64, (1 << 24) / (steps * v)));
      double loss = 0;
      long predicted = 0;
      long correct = 0;
      float[] f = data.features();
      int width = 2 * steps;
      for (int start = from; start < to; start += chunk) {
        int rows = Math.min(chunk, to - start);
        Map<String, INDArray> in = inputs(rows);
        fill(in, f, start, rows);
        INDArray lp = sd.output(in, "log_probs").get("log_probs");
        if (lp.ordering() != 'c' || lp.elementWiseStride() != 1) {
          lp = lp.dup('c');
        }
        int n = rows * steps;
        if (evalLogProbs.length < n * v) {
          evalLogProbs = new float[n * v];
        }
        view(lp).get(Math.toIntExact(lp.offset()), evalLogProbs, 0, n * v);
        for (int r = 0; r < rows; r++) {
          for (int t = 0; t < steps; t++) {
            int label = (int) f[(start + r) * width + steps + t];
            if (label < 0) {
              continue;
            }
            int base = (r * steps + t) * v;
            int best = 0;
            for (int c = 1; c < v; c++) {
              if (evalLogProbs[base + c] > evalLogProbs[base + best]) {
                best = c;
              }
            }
            predicted++;
            correct += best == label ? 1 : 0;
            loss -= evalLogProbs[base + label];
          }
        }
      }
      return new Evaluation(predicted, loss, correct);
    } finally {
      load(mirror);
    }
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    // SameDiff 1.0.0-M2.1 has no close(); dropping the cached inputs frees the largest arrays.
    inputsByRows.clear();
  }
}
