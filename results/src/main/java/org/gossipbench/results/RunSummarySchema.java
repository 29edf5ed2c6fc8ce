package org.gossipbench.results;

import static org.gossipbench.results.Columns.bool;
import static org.gossipbench.results.Columns.float64;
import static org.gossipbench.results.Columns.int32;
import static org.gossipbench.results.Columns.int64;
import static org.gossipbench.results.Columns.nullable;
import static org.gossipbench.results.Columns.timing;
import static org.gossipbench.results.Columns.utf8;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/** Schema of {@link RunSummary} rows. Version 1. */
public final class RunSummarySchema implements RecordSchema<RunSummary> {
  public static final RunSummarySchema INSTANCE = new RunSummarySchema();

  private RunSummarySchema() {}

  @Override
  public String kind() {
    return "run-summary";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<Field> fields(int version) {
    Schemas.requireKnownVersion(this, version);
    return List.of(
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
            wall.get(i));
      }
    };
  }
}
