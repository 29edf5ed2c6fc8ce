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

/** Schema of {@link TheoryFit} rows. Version 1. */
public final class TheoryFitSchema implements RecordSchema<TheoryFit> {
  public static final TheoryFitSchema INSTANCE = new TheoryFitSchema();

  private TheoryFitSchema() {}

  @Override
  public String kind() {
    return "theory-fit";
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
        utf8("quantity"),
        utf8("algorithm"),
        nullable(utf8("topology")),
        float64("fitted_slope"),
        float64("predicted_slope"),
        utf8("relation"),
        float64("r2"),
        float64("intercept"),
        int32("points"),
        timing(int64("check_wall_ns"), "ns"));
  }

  @Override
  public RowCodec<TheoryFit> bind(VectorSchemaRoot root, int fileVersion) {
    Schemas.requireKnownVersion(this, fileVersion);
    var check = new Columns.StringColumn(Columns.vector(root, "check", VarCharVector.class));
    var quantity = new Columns.StringColumn(Columns.vector(root, "quantity", VarCharVector.class));
    var algorithm =
        new Columns.StringColumn(Columns.vector(root, "algorithm", VarCharVector.class));
    VarCharVector topology = Columns.vector(root, "topology", VarCharVector.class);
    Float8Vector fitted = Columns.vector(root, "fitted_slope", Float8Vector.class);
    Float8Vector predicted = Columns.vector(root, "predicted_slope", Float8Vector.class);
    var relation = new Columns.StringColumn(Columns.vector(root, "relation", VarCharVector.class));
    Float8Vector r2 = Columns.vector(root, "r2", Float8Vector.class);
    Float8Vector intercept = Columns.vector(root, "intercept", Float8Vector.class);
    IntVector points = Columns.vector(root, "points", IntVector.class);
    BigIntVector wall = Columns.vector(root, "check_wall_ns", BigIntVector.class);
    return new RowCodec<>() {
      @Override
      public void write(int i, TheoryFit f) {
        check.set(i, f.check());
        quantity.set(i, f.quantity());
        algorithm.set(i, f.algorithm());
        Columns.setNullableString(topology, i, f.topology());
        fitted.setSafe(i, f.fittedSlope());
        predicted.setSafe(i, f.predictedSlope());
        relation.set(i, f.relation());
        r2.setSafe(i, f.r2());
        intercept.setSafe(i, f.intercept());
        points.setSafe(i, f.points());
        wall.setSafe(i, f.checkWallNanos());
      }

      @Override
      public TheoryFit read(int i) {
        return new TheoryFit(
            check.get(i),
            quantity.get(i),
            algorithm.get(i),
            Columns.getNullableString(topology, i),
            fitted.get(i),
            predicted.get(i),
            relation.get(i),
            r2.get(i),
            intercept.get(i),
            points.get(i),
            wall.get(i));
      }
    };
  }
}
