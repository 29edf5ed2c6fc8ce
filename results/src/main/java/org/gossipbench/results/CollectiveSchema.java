package org.gossipbench.results;

import static org.gossipbench.results.Columns.float64;
import static org.gossipbench.results.Columns.int32;
import static org.gossipbench.results.Columns.int64;
import static org.gossipbench.results.Columns.timing;
import static org.gossipbench.results.Columns.unit;
import static org.gossipbench.results.Columns.utf8;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/** Schema of {@link CollectiveMeasurement} rows. Version 1. */
public final class CollectiveSchema implements RecordSchema<CollectiveMeasurement> {
  public static final CollectiveSchema INSTANCE = new CollectiveSchema();

  private CollectiveSchema() {}

  @Override
  public String kind() {
    return "collective";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<Field> fields(int version) {
    Schemas.requireKnownVersion(this, version);
    return List.of(
        utf8("op"),
        utf8("algorithm"),
        utf8("transport"),
        utf8("topology"),
        int32("n"),
        int32("ranks"),
        int32("rank"),
        unit(int64("bytes"), "bytes"),
        int64("count"),
        utf8("dtype"),
        int64("iteration"),
        timing(int64("time_ns"), "ns"),
        timing(float64("algbw_gbps"), "GB/s"),
        timing(float64("busbw_gbps"), "GB/s"),
        unit(int64("bytes_sent"), "bytes"),
        unit(int64("bytes_received"), "bytes"),
        int64("wrong"));
  }

  @Override
  public RowCodec<CollectiveMeasurement> bind(VectorSchemaRoot root, int fileVersion) {
    Schemas.requireKnownVersion(this, fileVersion);
    var op = new Columns.StringColumn(Columns.vector(root, "op", VarCharVector.class));
    var algorithm =
        new Columns.StringColumn(Columns.vector(root, "algorithm", VarCharVector.class));
    var transport =
        new Columns.StringColumn(Columns.vector(root, "transport", VarCharVector.class));
    var topology = new Columns.StringColumn(Columns.vector(root, "topology", VarCharVector.class));
    IntVector n = Columns.vector(root, "n", IntVector.class);
    IntVector ranks = Columns.vector(root, "ranks", IntVector.class);
    IntVector rank = Columns.vector(root, "rank", IntVector.class);
    BigIntVector bytes = Columns.vector(root, "bytes", BigIntVector.class);
    BigIntVector count = Columns.vector(root, "count", BigIntVector.class);
    var dtype = new Columns.StringColumn(Columns.vector(root, "dtype", VarCharVector.class));
    BigIntVector iteration = Columns.vector(root, "iteration", BigIntVector.class);
    BigIntVector time = Columns.vector(root, "time_ns", BigIntVector.class);
    Float8Vector algbw = Columns.vector(root, "algbw_gbps", Float8Vector.class);
    Float8Vector busbw = Columns.vector(root, "busbw_gbps", Float8Vector.class);
    BigIntVector sent = Columns.vector(root, "bytes_sent", BigIntVector.class);
    BigIntVector received = Columns.vector(root, "bytes_received", BigIntVector.class);
    BigIntVector wrong = Columns.vector(root, "wrong", BigIntVector.class);
    return new RowCodec<>() {
      @Override
      public void write(int i, CollectiveMeasurement m) {
        op.set(i, m.op());
        algorithm.set(i, m.algorithm());
        transport.set(i, m.transport());
        topology.set(i, m.topology());
        n.setSafe(i, m.n());
        ranks.setSafe(i, m.ranks());
        rank.setSafe(i, m.rank());
        bytes.setSafe(i, m.bytes());
        count.setSafe(i, m.count());
        dtype.set(i, m.dtype());
        iteration.setSafe(i, m.iteration());
        time.setSafe(i, m.timeNanos());
        algbw.setSafe(i, m.algbwGBps());
        busbw.setSafe(i, m.busbwGBps());
        sent.setSafe(i, m.bytesSent());
        received.setSafe(i, m.bytesReceived());
        wrong.setSafe(i, m.wrong());
      }

      @Override
      public CollectiveMeasurement read(int i) {
        return new CollectiveMeasurement(
            op.get(i),
            algorithm.get(i),
            transport.get(i),
            topology.get(i),
            n.get(i),
            ranks.get(i),
            rank.get(i),
            bytes.get(i),
            count.get(i),
            dtype.get(i),
            iteration.get(i),
            time.get(i),
            algbw.get(i),
            busbw.get(i),
            sent.get(i),
            received.get(i),
            wrong.get(i));
      }
    };
  }
}
