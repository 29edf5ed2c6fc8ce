package org.gossipbench.workloads.workload;

import java.util.Map;
import org.gossipbench.workloads.data.Dataset;

/**
 * A workload's data for one run.
 *
 * @param train the whole training set, shared read-only by the simulated nodes of a process
 * @param shards for each node, the indices of its training samples
 * @param test the held-out set the average model x̄ is evaluated on
 * @param facts what the run's provenance should record besides the label histograms, e.g. the
 *     synthetic problem's b² and f(x*)
 */
public record TrainingData(Dataset train, int[][] shards, Dataset test, Map<String, Object> facts) {

  public TrainingData {
    facts = Map.copyOf(facts);
  }

  public int nodes() {
    return shards.length;
  }
}
