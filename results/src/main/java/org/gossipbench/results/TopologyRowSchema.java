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

/** Schema of {@link TopologyRow} rows. Version 1. */
public final class TopologyRowSchema implements RecordSchema<TopologyRow> {
  public static final TopologyRowSchema INSTANCE = new TopologyRowSchema();

  private TopologyRowSchema() {}

  @Override
  public String kind() {
    return "topology";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<Field> fields(int version) {
    Schemas.requireKnownVersion(this, version);
    return List.of(
        utf8("topology"),
        int32("n"),
        utf8("mixing"),
        int32("max_degree"),
        float64("rho"),
        float64("spectral_gap"),
        bool("time_varying"),
        nullable(int32("period")),
        nullable(int32("rounds_exact")),
        float64("rho_period"),
        nullable(utf8("note")),
        timing(int64("analysis_ns"), "ns"));
  }

  @Override
  public RowCodec<TopologyRow> bind(VectorSchemaRoot root, int fileVersion) {
    Schemas.requireKnownVersion(this, fileVersion);
    var topology = new Columns.StringColumn(Columns.vector(root, "topology", VarCharVector.class));
    IntVector n = Columns.vector(root, "n", IntVector.class);
    var mixing = new Columns.StringColumn(Columns.vector(root, "mixing", VarCharVector.class));
    IntVector degree = Columns.vector(root, "max_degree", IntVector.class);
    Float8Vector rho = Columns.vector(root, "rho", Float8Vector.class);
    Float8Vector gap = Columns.vector(root, "spectral_gap", Float8Vector.class);
    BitVector timeVarying = Columns.vector(root, "time_varying", BitVector.class);
    IntVector period = Columns.vector(root, "period", IntVector.class);
    IntVector rounds = Columns.vector(root, "rounds_exact", IntVector.class);
    Float8Vector rhoPeriod = Columns.vector(root, "rho_period", Float8Vector.class);
    VarCharVector note = Columns.vector(root, "note", VarCharVector.class);
    BigIntVector wall = Columns.vector(root, "analysis_ns", BigIntVector.class);
    return new RowCodec<>() {
      @Override
      public void write(int i, TopologyRow r) {
        topology.set(i, r.topology());
        n.setSafe(i, r.n());
        mixing.set(i, r.mixing());
        degree.setSafe(i, r.maxDegree());
        rho.setSafe(i, r.rho());
        gap.setSafe(i, r.spectralGap());
        Columns.setBool(timeVarying, i, r.timeVarying());
        Columns.setNullableInt(period, i, r.period());
        Columns.setNullableInt(rounds, i, r.roundsExact());
        rhoPeriod.setSafe(i, r.rhoPeriod());
        Columns.setNullableString(note, i, r.note());
        wall.setSafe(i, r.analysisNanos());
      }

      @Override
      public TopologyRow read(int i) {
        return new TopologyRow(
            topology.get(i),
            n.get(i),
            mixing.get(i),
            degree.get(i),
            rho.get(i),
            gap.get(i),
            timeVarying.get(i) != 0,
            Columns.getNullableInt(period, i),
            Columns.getNullableInt(rounds, i),
            rhoPeriod.get(i),
            Columns.getNullableString(note, i),
            wall.get(i));
      }
    };
  }
}
