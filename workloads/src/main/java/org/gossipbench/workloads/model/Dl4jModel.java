package org.gossipbench.workloads.model;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.FloatBuf;
import org.gossipbench.workloads.data.Batch;
import org.gossipbench.workloads.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J network ({@link MultiLayerNetwork} or {@link ComputationGraph}) seen as one flat FLOAT32
 * vector. {@link #parameters()} is a {@link FloatBuf} over a heap mirror of DL4J's flat {@code
 * params()} (a {@code Buf} is a heap array, DL4J's parameters are native memory): {@link #gradient}
 * copies the mirror into the network through a {@code FloatBuffer} view made once, runs {@code
 * computeGradientAndScore()} on preallocated feature/label arrays, and copies DL4J's flat gradient
 * out divided by the batch size (DL4J's flat gradient is the SUM over the minibatch; DL4J's own
 * updater divides by the batch size before applying it, and so do we). The network is built with a
 * no-op updater: the harness's algorithm is the optimizer.
 *
 * <p><b>BatchNorm state.</b> The running mean and variance (or log-std) of every BatchNorm layer
 * live inside the flat vector; {@link #stateRanges()} lists them. DL4J's "gradient" there is the
 * running-average delta that its own updater applies with factor 1 (x ← x − delta, no learning
 * rate, no division by batch size). {@link #gradient} applies that delta to the mirror itself and
 * writes 0 into the gradient there, so:
 *
 * <ul>
 *   <li>an optimizer step (SGD, momentum, gradient tracking, …) leaves the state untouched: its
 *       gradient entries are 0 (momentum buffers there stay 0 too);
 *   <li>averaging (allreduce, gossip) averages the state like any other entry, so averaged running
 *       statistics are the average of the nodes' running statistics;
 *   <li>an external x ← x − γ·g after {@link #gradient} reproduces DL4J's {@code fit()} with {@code
 *       Sgd(γ)} (tested).
 * </ul>
 *
 * <p>{@link #gradient} allocates nothing on the harness side once it has seen a batch size (feature
 * and label arrays are made once per distinct batch size; DL4J itself allocates inside its
 * workspaces). Not thread-safe: one model per rank; separate models may run concurrently in
 * separate threads (DL4J workspaces are per thread). Call {@link Dl4jRuntime#configure} once per
 * process first for determinism.
 */
public final class Dl4jModel implements Model {
  private static final int EVAL_CHUNK = 1000;

  private final String description;
  private final org.deeplearning4j.nn.api.Model net;
  private final MultiLayerNetwork mln;
  private final ComputationGraph graph;
  private final int featureCount;
  private final int numClasses;
  private final int d;
  private final float[] mirror;
  private final FloatBuf params;
  private final INDArray netParams;
  private final FloatBuffer paramView;
  private final long paramBase;
  private final int[] stateRanges;

  private INDArray gradientArray;
  private FloatBuffer gradientView;
  private long gradientBase;

  /** Indexed by batch size, made on first use of that size. */
  private BatchArrays[] bySize = new BatchArrays[0];

  private final float[] evalOutput;

  /** Features [rows, featureCount] and one-hot labels [rows, classes], with their views. */
  private record BatchArrays(
      INDArray features, INDArray labels, FloatBuffer featureView, FloatBuffer labelView) {
    static BatchArrays of(int rows, int featureCount, int numClasses) {
      INDArray f = Nd4j.create(DataType.FLOAT, rows, featureCount);
      INDArray l = Nd4j.create(DataType.FLOAT, rows, numClasses);
      return new BatchArrays(f, l, floatView(f), floatView(l));
    }
  }

  /**
   * @param network an initialized network whose input is the flat sample ({@code [rows,
   *     featureCount]}, e.g. through {@code InputType.convolutionalFlat}) and whose single output
   *     is a softmax over {@code numClasses} with a cross-entropy loss
   */
  public Dl4jModel(
      String name, org.deeplearning4j.nn.api.Model network, int featureCount, int numClasses) {
    this.net = network;
    this.mln = network instanceof MultiLayerNetwork m ? m : null;
    this.graph = network instanceof ComputationGraph g ? g : null;
    if (mln == null && graph == null) {
      throw new IllegalArgumentException(
          "expected a MultiLayerNetwork or ComputationGraph, got " + network.getClass());
    }
    this.featureCount = featureCount;
    this.numClasses = numClasses;
    this.netParams = network.params();
    if (netParams.dataType() != DataType.FLOAT) {
      throw new IllegalArgumentException(
          name + ": network parameters are " + netParams.dataType() + ", expected FLOAT");
    }
    this.d = Math.toIntExact(netParams.length());
    this.mirror = new float[d];
    this.params = new FloatBuf(mirror);
    this.paramView = floatView(netParams);
    this.paramBase = netParams.offset();
    paramView.get(Math.toIntExact(paramBase), mirror, 0, d);
    this.stateRanges = findStateRanges(layers(), netParams);
    this.evalOutput = new float[EVAL_CHUNK * numClasses];
    this.description =
        name + " (DL4J " + network.getClass().getSimpleName() + "), float32, " + d + " parameters";
  }

  private Layer[] layers() {
    return mln != null ? mln.getLayers() : graph.getLayers();
  }

  /** The wrapped network (tests and the plain-DL4J baseline). */
  public org.deeplearning4j.nn.api.Model network() {
    return net;
  }

  private static FloatBuffer floatView(INDArray a) {
    return a.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  private static int[] findStateRanges(Layer[] layers, INDArray flat) {
    List<int[]> ranges = new ArrayList<>();
    for (Layer layer : layers) {
      if (!(layer instanceof BatchNormalization)) {
        continue;
      }
      for (String key :
          new String[] {
            BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR,
            BatchNormalizationParamInitializer.GLOBAL_LOG_STD
          }) {
        if (!layer.paramTable().containsKey(key)) {
          continue;
        }
        INDArray view = layer.getParam(key);
        if (view.data() != flat.data() && view.data().address() != flat.data().address()) {
          throw new IllegalStateException("BatchNorm " + key + " is not a view of the flat params");
        }
        int start = Math.toIntExact(view.offset() - flat.offset());
        ranges.add(new int[] {start, start + Math.toIntExact(view.length())});
      }
    }
    ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
    List<int[]> merged = new ArrayList<>();
    for (int[] r : ranges) {
      if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] == r[0]) {
        merged.get(merged.size() - 1)[1] = r[1];
      } else {
        merged.add(r);
      }
    }
    return merged.stream().flatMapToInt(Arrays::stream).toArray();
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
  public int[] stateRanges() {
    return stateRanges.clone();
  }

  private void loadIntoNetwork(float[] source) {
    paramView.put(Math.toIntExact(paramBase), source, 0, d);
  }

  @Override
  public double gradient(Batch batch, Buf gradient) {
    int m = batch.size();
    if (m < 1 || batch.featureCount() != featureCount) {
      throw new IllegalArgumentException(
          "need a non-empty batch of "
              + featureCount
              + " features, got "
              + m
              + " rows of "
              + batch.featureCount());
    }
    float[] g = ((FloatBuf) gradient).array();
    BatchArrays arrays = arrays(m);
    arrays.featureView.put(0, batch.features(), 0, m * featureCount);
    FloatBuffer labels = arrays.labelView;
    int[] y = batch.labels();
    for (int j = 0; j < m; j++) {
      int row = j * numClasses;
      for (int c = 0; c < numClasses; c++) {
        labels.put(row + c, c == y[j] ? 1f : 0f);
      }
    }
    loadIntoNetwork(mirror);
    if (mln != null) {
      mln.setInput(arrays.features);
      mln.setLabels(arrays.labels);
    } else {
      graph.setInputs(arrays.features);
      graph.setLabels(arrays.labels);
    }
    if (mln != null) {
      mln.computeGradientAndScore();
    } else {
      graph.computeGradientAndScore();
    }
    INDArray flatGradient = net.gradient().gradient();
    if (flatGradient != gradientArray) {
      gradientArray = flatGradient;
      gradientView = floatView(flatGradient);
      gradientBase = flatGradient.offset();
    }
    // one bulk copy straight into g, then one pass in place: the harness's share of the step
    gradientView.get(Math.toIntExact(gradientBase), g, 0, d);
    for (int r = 0; r < stateRanges.length; r += 2) {
      for (int i = stateRanges[r]; i < stateRanges[r + 1]; i++) {
        mirror[i] -= g[i];
        g[i] = 0f;
      }
    }
    // Division, not multiplication by 1/m: DL4J's updater divides, and fit() parity is tested.
    float batchSize = m;
    for (int i = 0; i < d; i++) {
      g[i] = g[i] / batchSize;
    }
    return net.score();
  }

  private BatchArrays arrays(int rows) {
    if (rows >= bySize.length) {
      bySize = Arrays.copyOf(bySize, rows + 1);
    }
    if (bySize[rows] == null) {
      bySize[rows] = BatchArrays.of(rows, featureCount, numClasses);
    }
    return bySize[rows];
  }

  /**
   * Copies {@code x} into the network, runs inference (BatchNorm with its running statistics) over
   * {@code [from, to)} in chunks of {@value #EVAL_CHUNK} rows, then restores the network from
   * {@link #parameters()}. The loss is the cross-entropy −ln p_y per sample, with p clipped below
   * at 1e-10 as DL4J's MCXENT does.
   */
  @Override
  public Evaluation evaluate(Buf x, Dataset data, int from, int to) {
    if (x.length() != d) {
      throw new IllegalArgumentException("x has " + x.length() + " entries, model has " + d);
    }
    if (data.featureCount() != featureCount) {
      throw new IllegalArgumentException(
          data.name() + " has " + data.featureCount() + " features, model expects " + featureCount);
    }
    loadIntoNetwork(((FloatBuf) x).array());
    try {
      double loss = 0;
      long correct = 0;
      float[] features = data.features();
      for (int start = from; start < to; start += EVAL_CHUNK) {
        int rows = Math.min(EVAL_CHUNK, to - start);
        BatchArrays arrays = arrays(rows);
        arrays.featureView.put(0, features, start * featureCount, rows * featureCount);
        INDArray out =
            mln != null
                ? mln.output(arrays.features, false)
                : graph.outputSingle(false, arrays.features);
        if (out.ordering() != 'c' || out.elementWiseStride() != 1) {
          out = out.dup('c');
        }
        floatView(out).get(Math.toIntExact(out.offset()), evalOutput, 0, rows * numClasses);
        for (int j = 0; j < rows; j++) {
          int row = j * numClasses;
          int y = data.label(start + j);
          int best = 0;
          for (int c = 1; c < numClasses; c++) {
            if (evalOutput[row + c] > evalOutput[row + best]) {
              best = c;
            }
          }
          if (best == y) {
            correct++;
          }
          loss -= Math.log(Math.max(evalOutput[row + y], 1e-10));
        }
      }
      return new Evaluation(to - from, loss, correct);
    } finally {
      loadIntoNetwork(mirror);
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
