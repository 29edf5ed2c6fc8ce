package org.gossipbench.workloads.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A labelled dataset held in memory as flat row-major arrays, the form every model and sampler
 * reads without boxing: sample i's features are {@code features[i·featureCount,
 * (i+1)·featureCount)} in the order of {@link #sampleShape()} (channels, height, width for images),
 * already scaled (pixels to [0, 1], tabular columns as the loader documents). Classification sets
 * carry {@code labels} in [0, numClasses); regression sets carry {@code targets} as well (or only,
 * with numClasses 0 and labels all 0). Immutable by convention: nobody writes the arrays after
 * construction.
 */
public final class Dataset {
  private final String name;
  private final float[] features;
  private final int[] labels;
  private final float[] targets;
  private final int size;
  private final int[] sampleShape;
  private final int featureCount;
  private final int numClasses;

  /**
   * @param targets regression targets, one per sample, or null for a classification set
   */
  public Dataset(
      String name,
      float[] features,
      int[] labels,
      float[] targets,
      int[] sampleShape,
      int numClasses) {
    this.name = Objects.requireNonNull(name, "name");
    this.features = Objects.requireNonNull(features, "features");
    this.labels = Objects.requireNonNull(labels, "labels");
    this.targets = targets;
    this.sampleShape = sampleShape.clone();
    this.featureCount = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
    this.size = labels.length;
    this.numClasses = numClasses;
    if ((long) size * featureCount != features.length) {
      throw new IllegalArgumentException(
          name
              + ": "
              + features.length
              + " feature values for "
              + size
              + " samples of "
              + featureCount);
    }
    if (targets != null && targets.length != size) {
      throw new IllegalArgumentException(name + ": " + targets.length + " targets for " + size);
    }
    for (int l : labels) {
      if (l < 0 || (numClasses > 0 && l >= numClasses)) {
        throw new IllegalArgumentException(
            name + ": label " + l + " outside [0, " + numClasses + ")");
      }
    }
  }

  public String name() {
    return name;
  }

  /** Number of samples. */
  public int size() {
    return size;
  }

  /** Shape of one sample, e.g. {1, 28, 28} for MNIST or {57} for Spambase. */
  public int[] sampleShape() {
    return sampleShape.clone();
  }

  /** Values per sample: the product of {@link #sampleShape()}. */
  public int featureCount() {
    return featureCount;
  }

  /** Number of classes; 0 for a pure regression set. */
  public int numClasses() {
    return numClasses;
  }

  /** The backing row-major feature array (not a copy: do not write). */
  public float[] features() {
    return features;
  }

  /** The backing label array (not a copy: do not write). */
  public int[] labels() {
    return labels;
  }

  /** The backing target array, or null for a classification set (not a copy: do not write). */
  public float[] targets() {
    return targets;
  }

  public int label(int i) {
    return labels[i];
  }

  /** Samples per class, length {@link #numClasses()}. */
  public long[] labelHistogram() {
    long[] h = new long[Math.max(numClasses, 1)];
    for (int l : labels) {
      h[l]++;
    }
    return h;
  }

  /** A new dataset holding the given samples, in the given order (copied). */
  public Dataset subset(String subsetName, int[] indices) {
    float[] f = new float[indices.length * featureCount];
    int[] l = new int[indices.length];
    float[] t = targets == null ? null : new float[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      System.arraycopy(features, i * featureCount, f, k * featureCount, featureCount);
      l[k] = labels[i];
      if (t != null) {
        t[k] = targets[i];
      }
    }
    return new Dataset(subsetName, f, l, t, sampleShape, numClasses);
  }
}
