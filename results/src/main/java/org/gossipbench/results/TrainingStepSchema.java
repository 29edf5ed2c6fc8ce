package org.gossipbench.results;

import static org.gossipbench.results.Columns.float64;
import static org.gossipbench.results.Columns.int32;
import static org.gossipbench.results.Columns.int64;
import static org.gossipbench.results.Columns.nullable;
import static org.gossipbench.results.Columns.timing;
import static org.gossipbench.results.Columns.unit;
import static org.gossipbench.results.Columns.utf8;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Schema of {@link TrainingStep} rows. Version 2 adds compute CPU time, the step's critical-path
 * and α–β-projected times, evaluation time and held-out loss; version-1 files read with those null.
 */
public final class TrainingStepSchema implements RecordSchema<TrainingStep> {
  public static final TrainingStepSchema INSTANCE = new TrainingStepSchema();

  private TrainingStepSchema() {}

  @Override
  public String kind() {
    return "training-step";
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
            int32("rank"),
            int32("epoch"),
            int64("iteration"),
            int64("samples_seen"),
            float64("train_loss"),
            nullable(float64("eval_metric")),
            nullable(float64("consensus_distance")),
            timing(int64("compute_ns"), "ns"),
            timing(int64("communication_ns"), "ns"),
            unit(int64("bytes_communicated"), "bytes"),
            float64("learning_rate"),
            timing(int64("elapsed_ns"), "ns"));
    if (version == 1) {
      return v1;
    }
    List<Field> v2 = new ArrayList<>(v1);
    v2.add(nullable(timing(int64("compute_cpu_ns"), "ns")));
    v2.add(nullable(timing(int64("critical_path_ns"), "ns")));
    v2.add(nullable(timing(int64("projected_ns"), "ns")));
    v2.add(nullable(timing(int64("eval_ns"), "ns")));
    v2.add(nullable(float64("eval_loss")));
    return List.copyOf(v2);
  }

  @Override
  public RowCodec<TrainingStep> bind(VectorSchemaRoot root, int fileVersion) {
    Schemas.requireKnownVersion(this, fileVersion);
    var algorithm =
        new Columns.StringColumn(Columns.vector(root, "algorithm", VarCharVector.class));
    var topology = new Columns.StringColumn(Columns.vector(root, "topology", VarCharVector.class));
    IntVector n = Columns.vector(root, "n", IntVector.class);
    IntVector rank = Columns.vector(root, "rank", IntVector.class);
    IntVector epoch = Columns.vector(root, "epoch", IntVector.class);
    BigIntVector iteration = Columns.vector(root, "iteration", BigIntVector.class);
    BigIntVector samples = Columns.vector(root, "samples_seen", BigIntVector.class);
    Float8Vector loss = Columns.vector(root, "train_loss", Float8Vector.class);
    Float8Vector eval = Columns.vector(root, "eval_metric", Float8Vector.class);
    Float8Vector consensus = Columns.vector(root, "consensus_distance", Float8Vector.class);
    BigIntVector compute = Columns.vector(root, "compute_ns", BigIntVector.class);
    BigIntVector comm = Columns.vector(root, "communication_ns", BigIntVector.class);
    BigIntVector bytes = Columns.vector(root, "bytes_communicated", BigIntVector.class);
    Float8Vector lr = Columns.vector(root, "learning_rate", Float8Vector.class);
    BigIntVector elapsed = Columns.vector(root, "elapsed_ns", BigIntVector.class);
    boolean v2 = fileVersion >= 2;
    BigIntVector cpu = v2 ? Columns.vector(root, "compute_cpu_ns", BigIntVector.class) : null;
    BigIntVector critical =
        v2 ? Columns.vector(root, "critical_path_ns", BigIntVector.class) : null;
    BigIntVector projected = v2 ? Columns.vector(root, "projected_ns", BigIntVector.class) : null;
    BigIntVector evalTime = v2 ? Columns.vector(root, "eval_ns", BigIntVector.class) : null;
    Float8Vector evalLoss = v2 ? Columns.vector(root, "eval_loss", Float8Vector.class) : null;
    return new RowCodec<>() {
      @Override
      public void write(int i, TrainingStep s) {
        algorithm.set(i, s.algorithm());
        topology.set(i, s.topology());
        n.setSafe(i, s.n());
        rank.setSafe(i, s.rank());
        epoch.setSafe(i, s.epoch());
        iteration.setSafe(i, s.iteration());
        samples.setSafe(i, s.samplesSeen());
        loss.setSafe(i, s.trainLoss());
        Columns.setNullableDouble(eval, i, s.evalMetric());
        Columns.setNullableDouble(consensus, i, s.consensusDistance());
        compute.setSafe(i, s.computeNanos());
        comm.setSafe(i, s.communicationNanos());
        bytes.setSafe(i, s.bytesCommunicated());
        lr.setSafe(i, s.learningRate());
        elapsed.setSafe(i, s.elapsedNanos());
        if (v2) {
          Columns.setNullableLong(cpu, i, s.computeCpuNanos());
          Columns.setNullableLong(critical, i, s.criticalPathNanos());
          Columns.setNullableLong(projected, i, s.projectedNanos());
          Columns.setNullableLong(evalTime, i, s.evalNanos());
          Columns.setNullableDouble(evalLoss, i, s.evalLoss());
        }
      }

      @Override
      public TrainingStep read(int i) {
        return new TrainingStep(
            algorithm.get(i),
            topology.get(i),
            n.get(i),
            rank.get(i),
            epoch.get(i),
            iteration.get(i),
            samples.get(i),
            loss.get(i),
            Columns.getNullableDouble(eval, i),
            Columns.getNullableDouble(consensus, i),
            compute.get(i),
            comm.get(i),
            bytes.get(i),
            lr.get(i),
            elapsed.get(i),
            v2 ? Columns.getNullableLong(cpu, i) : null,
            v2 ? Columns.getNullableLong(critical, i) : null,
            v2 ? Columns.getNullableLong(projected, i) : null,
            v2 ? Columns.getNullableLong(evalTime, i) : null,
            v2 ? Columns.getNullableDouble(evalLoss, i) : null);
      }
    };
  }
}
