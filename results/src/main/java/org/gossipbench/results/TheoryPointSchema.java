package org.gossipbench.results;

import static org.gossipbench.results.Columns.float64;
import static org.gossipbench.results.Columns.int32;
import static org.gossipbench.results.Columns.int64;
import static org.gossipbench.results.Columns.nullable;
import static org.gossipbench.results.Columns.timing;
import static org.gossipbench.results.Columns.utf8;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/** Schema of {@link TheoryPoint} rows. Version 1. */
public final class TheoryPointSchema implements RecordSchema<TheoryPoint> {
  public static final TheoryPointSchema INSTANCE = new TheoryPointSchema();

  private TheoryPointSchema() {}

  @Override
  public String kind() {
    return "theory-point";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<Field> fields(int version) {
    Schemas.requireKnownVersion(this, version);
    return List.of(
        utf8("check"),
        utf8("algorithm"),
        nullable(utf8("topology")),
        int32("n"),
        int32("dimension"),
        float64("b2"),
        nullable(float64("rho")),
        float64("step"),
        utf8("schedule"),
        float64("sigma"),
        int64("seed"),
        int32("repeats"),
        int64("iterations"),
        nullable(int32("tail")),
        float64("measured_error"),
        nullable(float64("exact_error")),
        nullable(int64("transient_iterations")),
        nullable(float64("predicted_transient_iterations")),
        nullable(float64("factor")),
        timing(int64("wall_ns"), "ns"));
  }

  @Override
  public RowCodec<TheoryPoint> bind(VectorSchemaRoot root, int fileVersion) {
    Schemas.requireKnownVersion(this, fileVersion);
    var check = new Columns.StringColumn(Columns.vector(root, "check", VarCharVector.class));
    var algorithm =
        new Columns.StringColumn(Columns.vector(root, "algorithm", VarCharVector.class));
    VarCharVector topology = Columns.vector(root, "topology", VarCharVector.class);
    IntVector n = Columns.vector(root, "n", IntVector.class);
    IntVector dimension = Columns.vector(root, "dimension", IntVector.class);
    Float8Vector b2 = Columns.vector(root, "b2", Float8Vector.class);
    Float8Vector rho = Columns.vector(root, "rho", Float8Vector.class);
    Float8Vector step = Columns.vector(root, "step", Float8Vector.class);
    var schedule = new Columns.StringColumn(Columns.vector(root, "schedule", VarCharVector.class));
    Float8Vector sigma = Columns.vector(root, "sigma", Float8Vector.class);
    BigIntVector seed = Columns.vector(root, "seed", BigIntVector.class);
    IntVector repeats = Columns.vector(root, "repeats", IntVector.class);
    BigIntVector iterations = Columns.vector(root, "iterations", BigIntVector.class);
    IntVector tail = Columns.vector(root, "tail", IntVector.class);
    Float8Vector measured = Columns.vector(root, "measured_error", Float8Vector.class);
    Float8Vector exact = Columns.vector(root, "exact_error", Float8Vector.class);
    BigIntVector transientIters = Columns.vector(root, "transient_iterations", BigIntVector.class);
    Float8Vector predicted =
        Columns.vector(root, "predicted_transient_iterations", Float8Vector.class);
    Float8Vector factor = Columns.vector(root, "factor", Float8Vector.class);
    BigIntVector wall = Columns.vector(root, "wall_ns", BigIntVector.class);
    return new RowCodec<>() {
      @Override
      public void write(int i, TheoryPoint p) {
        check.set(i, p.check());
        algorithm.set(i, p.algorithm());
        Columns.setNullableString(topology, i, p.topology());
        n.setSafe(i, p.n());
        dimension.setSafe(i, p.dimension());
        b2.setSafe(i, p.b2());
        Columns.setNullableDouble(rho, i, p.rho());
        step.setSafe(i, p.step());
        schedule.set(i, p.schedule());
        sigma.setSafe(i, p.sigma());
        seed.setSafe(i, p.seed());
        repeats.setSafe(i, p.repeats());
        iterations.setSafe(i, p.iterations());
        Columns.setNullableInt(tail, i, p.tail());
        measured.setSafe(i, p.measuredError());
        Columns.setNullableDouble(exact, i, p.exactError());
        Columns.setNullableLong(transientIters, i, p.transientIterations());
        Columns.setNullableDouble(predicted, i, p.predictedTransientIterations());
        Columns.setNullableDouble(factor, i, p.factor());
        wall.setSafe(i, p.wallNanos());
      }

      @Override
      public TheoryPoint read(int i) {
        return new TheoryPoint(
            check.get(i),
            algorithm.get(i),
            Columns.getNullableString(topology, i),
            n.get(i),
            dimension.get(i),
            b2.get(i),
            Columns.getNullableDouble(rho, i),
            step.get(i),
            schedule.get(i),
            sigma.get(i),
            seed.get(i),
            repeats.get(i),
            iterations.get(i),
            Columns.getNullableInt(tail, i),
            measured.get(i),
            Columns.getNullableDouble(exact, i),
            Columns.getNullableLong(transientIters, i),
            Columns.getNullableDouble(predicted, i),
            Columns.getNullableDouble(factor, i),
            wall.get(i));
      }
    };
  }
}
