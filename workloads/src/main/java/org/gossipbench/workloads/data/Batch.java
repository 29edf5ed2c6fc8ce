package org.gossipbench.workloads.data;

/**
 * A reusable mini-batch: one is allocated per rank at start-up with the largest batch size and
 * refilled in place every step, so the training loop allocates nothing. Rows {@code [0, size)} are
 * valid; features are row-major as in {@link Dataset}.
 */
public final class Batch {
  private final int capacity;
  private final int featureCount;
  private final float[] features;
  private final int[] labels;
  private final float[] targets;
  private int size;

  public Batch(int capacity, int featureCount) {
    if (capacity < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.featureCount = featureCount;
    this.features = new float[capacity * featureCount];
    this.labels = new int[capacity];
    this.targets = new float[capacity];
  }

  public int capacity() {
    return capacity;
  }

  public int featureCount() {
    return featureCount;
  }

  /** Valid rows. */
  public int size() {
    return size;
  }

  public float[] features() {
    return features;
  }

  public int[] labels() {
    return labels;
  }

  /** Regression targets (zeros for a classification set). */
  public float[] targets() {
    return targets;
  }

  /** Empties the batch. */
  public void clear() {
    size = 0;
  }

  /** Appends sample {@code i} of {@code data}. */
  public void add(Dataset data, int i) {
    if (size == capacity) {
      throw new IllegalStateException("batch is full (" + capacity + " rows)");
    }
    System.arraycopy(
        data.features(), i * featureCount, features, size * featureCount, featureCount);
    labels[size] = data.label(i);
    float[] t = data.targets();
    targets[size] = t == null ? 0f : t[i];
    size++;
  }
}
