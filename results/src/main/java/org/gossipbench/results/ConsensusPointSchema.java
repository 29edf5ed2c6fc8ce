package org.gossipbench.results;

import static org.gossipbench.results.Columns.float64;
import static org.gossipbench.results.Columns.int32;
import static org.gossipbench.results.Columns.int64;
import static org.gossipbench.results.Columns.timing;
import static org.gossipbench.results.Columns.utf8;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/** Schema of {@link ConsensusPoint} rows. Version 1. */
public final class ConsensusPointSchema implements RecordSchema<ConsensusPoint> {
  public static final ConsensusPointSchema INSTANCE = new ConsensusPointSchema();

  private ConsensusPointSchema() {}

  @Override
  public String kind() {
    return "consensus";
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
        int64("iteration"),
        int32("node"),
        float64("value"),
        timing(int64("simulation_ns"), "ns"));
  }

  @Override
  public RowCodec<ConsensusPoint> bind(VectorSchemaRoot root, int fileVersion) {
    Schemas.requireKnownVersion(this, fileVersion);
    var topology = new Columns.StringColumn(Columns.vector(root, "topology", VarCharVector.class));
    IntVector n = Columns.vector(root, "n", IntVector.class);
    BigIntVector iteration = Columns.vector(root, "iteration", BigIntVector.class);
    IntVector node = Columns.vector(root, "node", IntVector.class);
    Float8Vector value = Columns.vector(root, "value", Float8Vector.class);
    BigIntVector wall = Columns.vector(root, "simulation_ns", BigIntVector.class);
    return new RowCodec<>() {
      @Override
      public void write(int i, ConsensusPoint p) {
        topology.set(i, p.topology());
        n.setSafe(i, p.n());
        iteration.setSafe(i, p.iteration());
        node.setSafe(i, p.node());
        value.setSafe(i, p.value());
        wall.setSafe(i, p.simulationNanos());
      }

      @Override
      public ConsensusPoint read(int i) {
        return new ConsensusPoint(
            topology.get(i), n.get(i), iteration.get(i), node.get(i), value.get(i), wall.get(i));
      }
    };
  }
}
