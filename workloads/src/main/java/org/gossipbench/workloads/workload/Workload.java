package org.gossipbench.workloads.workload;

import java.nio.file.Path;
import java.util.List;
import org.gossipbench.workloads.model.ModelBuilder;
import org.gossipbench.workloads.partition.Partitioner;

/**
 * A training task: data, a model architecture and the metric that defines the target (SPEC
 * &sect;6). A new workload (CIFAR-10 ResNet, a Brown-corpus language model) is one class registered
 * in {@link WorkloadRegistry}; the trainer and the algorithms do not change.
 */
public interface Workload {

  /** Registry name, e.g. {@code mnist-mlp}. */
  String name();

  /** One sentence for {@code train --list}. */
  String description();

  /** The validation metric reported and compared with the target, e.g. {@code top1_accuracy}. */
  default String metric() {
    return "top1_accuracy";
  }

  /** Whether a larger metric is better (accuracy) or a smaller one (a loss). */
  default boolean higherIsBetter() {
    return true;
  }

  /** The metric's value for an evaluation of x̄ on the held-out set. */
  default double metric(org.gossipbench.workloads.model.Evaluation e) {
    return higherIsBetter() ? e.accuracy() : e.meanLoss();
  }

  /** Datasets that {@code gossipbench data fetch} must have installed. */
  List<String> datasets();

  /** The architecture every node builds. */
  ModelBuilder model();

  /**
   * Loads the data and splits the training set over n nodes. Deterministic in (n, partitioner,
   * seed).
   *
   * @param dataDir where {@code data fetch} installed the datasets
   * @throws org.gossipbench.workloads.data.MissingDatasetException when a dataset is not installed
   * @throws IllegalArgumentException when n exceeds the training set
   */
  TrainingData load(Path dataDir, int n, Partitioner partitioner, long seed);
}
