package org.gossipbench.results;

import static org.gossipbench.results.Columns.bool;
import static org.gossipbench.results.Columns.float64;
import static org.gossipbench.results.Columns.int32;
import static org.gossipbench.results.Columns.int64;
import static org.gossipbench.results.Columns.nullable;
import static org.gossipbench.results.Columns.timing;
import static org.gossipbench.results.Columns.utf8;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Schema of {@link RunSummary} rows. Version 2 adds the run's configuration (workload, partition,
 * transport, batch, learning rate), why it stopped, time to target on the critical path and
 * projected by the α–β model, evaluation time, throughput and the final consensus distance;
 * version-1 files read with those null.
 */
public final class RunSummarySchema implements RecordSchema<RunSummary> {
  public static final RunSummarySchema INSTANCE = new RunSummarySchema();

  private RunSummarySchema() {}

  @Override
  public String kind() {
    return "run-summary";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public List<Field> fields(int version) {
    Schemas.requireKnownVersion(this, version);
    List<Field> v1 =
        List.of(
            utf8("algorithm"),
            utf8("topology"),
            int32("n"),
            int64("seed"),
            utf8("metric"),
            float64("target"),
            bool("reached"),
            nullable(timing(int64("time_to_target_ns"), "ns")),
            nullable(int64("iterations_to_target")),
            float64("best_metric"),
            float64("final_loss"),
            int64("iterations"),
            int32("epochs"),
            timing(int64("wall_ns"), "ns"));
    if (version == 1) {
      return v1;
    }
    List<Field> v2 = new ArrayList<>(v1);
    v2.add(nullable(utf8("workload")));
    v2.add(nullable(utf8("partition")));
    v2.add(nullable(utf8("transport")));
    v2.add(nullable(int32("batch_size")));
    v2.add(nullable(float64("learning_rate")));
    v2.add(nullable(utf8("stop_reason")));
    v2.add(nullable(timing(int64("critical_path_to_target_ns"), "ns")));
    v2.add(nullable(timing(int64("projected_to_target_ns"), "ns")));
    v2.add(nullable(timing(int64("eval_ns"), "ns")));
    v2.add(nullable(timing(float64("samples_per_second"), "samples/s")));
    v2.add(nullable(float64("final_consensus_distance")));
    return List.copyOf(v2);
  }

  @Override
  public RowCodec<RunSummary> bind(VectorSchemaRoot root, int fileVersion) {
    Schemas.requireKnownVersion(this, fileVersion);
    var algorithm =
        new Columns.StringColumn(Columns.vector(root, "algorithm", VarCharVector.class));
    var topology = new Columns.StringColumn(Columns.vector(root, "topology", VarCharVector.class));
    IntVector n = Columns.vector(root, "n", IntVector.class);
    BigIntVector seed = Columns.vector(root, "seed", BigIntVector.class);
    var metric = new Columns.StringColumn(Columns.vector(root, "metric", VarCharVector.class));
    Float8Vector target = Columns.vector(root, "target", Float8Vector.class);
    BitVector reached = Columns.vector(root, "reached", BitVector.class);
    BigIntVector timeToTarget = Columns.vector(root, "time_to_target_ns", BigIntVector.class);
    BigIntVector itersToTarget = Columns.vector(root, "iterations_to_target", BigIntVector.class);
    Float8Vector best = Columns.vector(root, "best_metric", Float8Vector.class);
    Float8Vector finalLoss = Columns.vector(root, "final_loss", Float8Vector.class);
    BigIntVector iterations = Columns.vector(root, "iterations", BigIntVector.class);
    IntVector epochs = Columns.vector(root, "epochs", IntVector.class);
    BigIntVector wall = Columns.vector(root, "wall_ns", BigIntVector.class);
    boolean v2 = fileVersion >= 2;
    VarCharVector workload = v2 ? Columns.vector(root, "workload", VarCharVector.class) : null;
    VarCharVector partition = v2 ? Columns.vector(root, "partition", VarCharVector.class) : null;
    VarCharVector transport = v2 ? Columns.vector(root, "transport", VarCharVector.class) : null;
    IntVector batch = v2 ? Columns.vector(root, "batch_size", IntVector.class) : null;
    Float8Vector lr = v2 ? Columns.vector(root, "learning_rate", Float8Vector.class) : null;
    VarCharVector stop = v2 ? Columns.vector(root, "stop_reason", VarCharVector.class) : null;
    BigIntVector critical =
        v2 ? Columns.vector(root, "critical_path_to_target_ns", BigIntVector.class) : null;
    BigIntVector projected =
        v2 ? Columns.vector(root, "projected_to_target_ns", BigIntVector.class) : null;
    BigIntVector evalTime = v2 ? Columns.vector(root, "eval_ns", BigIntVector.class) : null;
    Float8Vector throughput =
        v2 ? Columns.vector(root, "samples_per_second", Float8Vector.class) : null;
    Float8Vector consensus =
        v2 ? Columns.vector(root, "final_consensus_distance", Float8Vector.class) : null;
    return new RowCodec<>() {
      @Override
      public void write(int i, RunSummary r) {
        algorithm.set(i, r.algorithm());
        topology.set(i, r.topology());
        n.setSafe(i, r.n());
        seed.setSafe(i, r.seed());
        metric.set(i, r.metric());
        target.setSafe(i, r.target());
        Columns.setBool(reached, i, r.reached());
        Columns.setNullableLong(timeToTarget, i, r.timeToTargetNanos());
        Columns.setNullableLong(itersToTarget, i, r.iterationsToTarget());
        best.setSafe(i, r.bestMetric());
        finalLoss.setSafe(i, r.finalLoss());
        iterations.setSafe(i, r.iterations());
        epochs.setSafe(i, r.epochs());
        wall.setSafe(i, r.wallNanos());
        if (v2) {
          Columns.setNullableString(workload, i, r.workload());
          Columns.setNullableString(partition, i, r.partition());
          Columns.setNullableString(transport, i, r.transport());
          Columns.setNullableInt(batch, i, r.batchSize());
          Columns.setNullableDouble(lr, i, r.learningRate());
          Columns.setNullableString(stop, i, r.stopReason());
          Columns.setNullableLong(critical, i, r.criticalPathToTargetNanos());
          Columns.setNullableLong(projected, i, r.projectedToTargetNanos());
          Columns.setNullableLong(evalTime, i, r.evalNanos());
          Columns.setNullableDouble(throughput, i, r.samplesPerSecond());
          Columns.setNullableDouble(consensus, i, r.finalConsensusDistance());
        }
      }

      @Override
      public RunSummary read(int i) {
        return new RunSummary(
            algorithm.get(i),
            topology.get(i),
            n.get(i),
            seed.get(i),
            metric.get(i),
            target.get(i),
            reached.get(i) != 0,
            Columns.getNullableLong(timeToTarget, i),
            Columns.getNullableLong(itersToTarget, i),
            best.get(i),
            finalLoss.get(i),
            iterations.get(i),
            epochs.get(i),
            wall.get(i),
            v2 ? Columns.getNullableString(workload, i) : null,
            v2 ? Columns.getNullableString(partition, i) : null,
            v2 ? Columns.getNullableString(transport, i) : null,
            v2 ? Columns.getNullableInt(batch, i) : null,
            v2 ? Columns.getNullableDouble(lr, i) : null,
            v2 ? Columns.getNullableString(stop, i) : null,
            v2 ? Columns.getNullableLong(critical, i) : null,
            v2 ? Columns.getNullableLong(projected, i) : null,
            v2 ? Columns.getNullableLong(evalTime, i) : null,
            v2 ? Columns.getNullableDouble(throughput, i) : null,
            v2 ? Columns.getNullableDouble(consensus, i) : null);
      }
    };
  }
}
