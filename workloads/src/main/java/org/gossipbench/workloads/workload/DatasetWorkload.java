package org.gossipbench.workloads.workload;

import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.gossipbench.workloads.data.DatasetRegistry;
import org.gossipbench.workloads.data.DatasetSplits;
import org.gossipbench.workloads.model.ModelBuilder;
import org.gossipbench.workloads.model.ModelRegistry;
import org.gossipbench.workloads.partition.Partitioner;

/**
 * A model architecture trained on one installed dataset's training split, split over the nodes by
 * the run's partitioner, evaluated on the dataset's test split.
 */
final class DatasetWorkload implements Workload {
  private final String name;
  private final String dataset;
  private final String model;
  private final String description;

  DatasetWorkload(String name, String dataset, String model, String description) {
    this.name = name;
    this.dataset = dataset;
    this.model = model;
    this.description = description;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<String> datasets() {
    return List.of(dataset);
  }

  @Override
  public ModelBuilder model() {
    return ModelRegistry.builder(model);
  }

  /**
   * Datasets already read (and verified) by this process, so that runs after the first (a
   * benchmark's rounds, a sweep of seeds) neither reread nor re-allocate them: hundreds of MB of
   * fresh arrays per run would be copied by the next young collection, in the middle of the timed
   * steps. Soft references: the JVM may drop them when memory runs short.
   */
  private static final Map<String, SoftReference<DatasetSplits>> LOADED = new ConcurrentHashMap<>();

  private DatasetSplits splits(Path dataDir) {
    String key = dataset + "@" + dataDir.toAbsolutePath().normalize();
    SoftReference<DatasetSplits> ref = LOADED.get(key);
    DatasetSplits s = ref == null ? null : ref.get();
    if (s == null) {
      s = DatasetRegistry.load(dataset, dataDir);
      LOADED.put(key, new SoftReference<>(s));
    }
    return s;
  }

  @Override
  public TrainingData load(Path dataDir, int n, Partitioner partitioner, long seed) {
    DatasetSplits splits = splits(dataDir);
    // the split's stream depends on the seed only, never on the transport or the rank
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
            dataset,
            "train_size",
            splits.train().size(),
            "test_size",
            splits.test().size(),
            "partition",
            partitioner.spec()));
  }
}
