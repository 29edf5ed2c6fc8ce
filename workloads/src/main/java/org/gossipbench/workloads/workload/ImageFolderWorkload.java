package org.gossipbench.workloads.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gossipbench.workloads.data.DatasetSplits;
import org.gossipbench.workloads.data.ImageFolderReader;
import org.gossipbench.workloads.model.ModelBuilder;
import org.gossipbench.workloads.model.ResNet50Builder;
import org.gossipbench.workloads.partition.Partitioner;

/**
 * ResNet-50 on an ImageNet-style folder the user supplies ({@code resnet50:root=/path/to/imagenet},
 * optionally {@code :size=224}): {@link ImageFolderReader} reads {@code root/train} and {@code
 * root/val}, the training split is partitioned over the nodes, the val split is the held-out set.
 * Not fetched by {@code data fetch}: ImageNet's licence does not allow redistribution.
 */
final class ImageFolderWorkload implements Workload {
  static final Map<String, String> PARAMETERS =
      Map.of(
          "root", "folder holding train/<class>/*.JPEG and val/<class>/*.JPEG (required)",
          "size", "side of the center crop the images are resized to (default 224)");

  private final Path root;
  private final int size;

  ImageFolderWorkload(Map<String, String> params) {
    String r = params.get("root");
    if (r == null || r.isBlank()) {
      throw new IllegalArgumentException(
          "workload resnet50 needs root=<folder with train/ and val/ class folders>");
    }
    this.root = Path.of(r);
    try {
      this.size = Integer.parseInt(params.getOrDefault("size", "224"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("workload resnet50: size is not an integer");
    }
    if (size < 32) {
      throw new IllegalArgumentException("workload resnet50: size must be >= 32, got " + size);
    }
  }

  @Override
  public String name() {
    return "resnet50";
  }

  @Override
  public String description() {
    return "ResNet-50 (DL4J, 25,557,032 trainable parameters) on an ImageNet-style JPEG folder";
  }

  @Override
  public List<String> datasets() {
    return List.of();
  }

  @Override
  public ModelBuilder model() {
    return new ResNet50Builder();
  }

  @Override
  public TrainingData load(Path dataDir, int n, Partitioner partitioner, long seed) {
    DatasetSplits splits = ImageFolderReader.read(root, size);
    int[][] shards =
        partitioner.split(
            splits.train().labels(),
            splits.train().numClasses(),
            n,
            new SplittableRandom(seed ^ 0x5DEECE66DL));
    return new TrainingData(
        splits.train(),
        shards,
        splits.test(),
        Map.of(
            "dataset",
            "image-folder:" + root,
            "train_size",
            splits.train().size(),
            "test_size",
            splits.test().size(),
            "partition",
            partitioner.spec()));
  }
}
