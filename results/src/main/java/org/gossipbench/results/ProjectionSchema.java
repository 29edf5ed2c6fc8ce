package org.gossipbench.results;

import static org.gossipbench.results.Columns.float64;
import static org.gossipbench.results.Columns.int32;
import static org.gossipbench.results.Columns.int64;
import static org.gossipbench.results.Columns.nullable;
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

/**
 * Schema of {@link ProjectionRow} rows. Version 1. The projected columns are model outputs, not
 * timings of this machine: only {@code measured_s} is one.
 */
public final class ProjectionSchema implements RecordSchema<ProjectionRow> {
  public static final ProjectionSchema INSTANCE = new ProjectionSchema();

  private ProjectionSchema() {}

  @Override
  public String kind() {
    return "projection";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public List<Field> fields(int version) {
    Schemas.requireKnownVersion(this, version);
    return List.of(
        utf8("cluster"),
        utf8("model"),
        int64("parameters"),
        unit(int64("bytes"), "bytes"),
        int32("gpus"),
        int32("gpus_per_node"),
        utf8("collective"),
        unit(float64("projected_communication_s"), "s"),
        unit(float64("projected_compute_s"), "s"),
        int64("iterations"),
        unit(float64("projected_train_s"), "s"),
        unit(float64("compute_bound_train_s"), "s"),
        unit(float64("intra_alpha_s"), "s"),
        unit(float64("intra_bytes_per_s"), "bytes/s"),
        unit(float64("inter_alpha_s"), "s"),
        unit(float64("inter_bytes_per_s"), "bytes/s"),
        utf8("cost_model"),
        utf8("inputs"),
        nullable(timing(float64("measured_s"), "s")));
  }

  @Override
  public RowCodec<ProjectionRow> bind(VectorSchemaRoot root, int fileVersion) {
    Schemas.requireKnownVersion(this, fileVersion);
    var cluster = new Columns.StringColumn(Columns.vector(root, "cluster", VarCharVector.class));
    var model = new Columns.StringColumn(Columns.vector(root, "model", VarCharVector.class));
    BigIntVector parameters = Columns.vector(root, "parameters", BigIntVector.class);
    BigIntVector bytes = Columns.vector(root, "bytes", BigIntVector.class);
    IntVector gpus = Columns.vector(root, "gpus", IntVector.class);
    IntVector perNode = Columns.vector(root, "gpus_per_node", IntVector.class);
    var collective =
        new Columns.StringColumn(Columns.vector(root, "collective", VarCharVector.class));
    Float8Vector comm = Columns.vector(root, "projected_communication_s", Float8Vector.class);
    Float8Vector compute = Columns.vector(root, "projected_compute_s", Float8Vector.class);
    BigIntVector iterations = Columns.vector(root, "iterations", BigIntVector.class);
    Float8Vector train = Columns.vector(root, "projected_train_s", Float8Vector.class);
    Float8Vector bound = Columns.vector(root, "compute_bound_train_s", Float8Vector.class);
    Float8Vector intraAlpha = Columns.vector(root, "intra_alpha_s", Float8Vector.class);
    Float8Vector intraRate = Columns.vector(root, "intra_bytes_per_s", Float8Vector.class);
    Float8Vector interAlpha = Columns.vector(root, "inter_alpha_s", Float8Vector.class);
    Float8Vector interRate = Columns.vector(root, "inter_bytes_per_s", Float8Vector.class);
    var costModel =
        new Columns.StringColumn(Columns.vector(root, "cost_model", VarCharVector.class));
    var inputs = new Columns.StringColumn(Columns.vector(root, "inputs", VarCharVector.class));
    Float8Vector measured = Columns.vector(root, "measured_s", Float8Vector.class);
    return new RowCodec<>() {
      @Override
      public void write(int i, ProjectionRow r) {
        cluster.set(i, r.cluster());
        model.set(i, r.model());
        parameters.setSafe(i, r.parameters());
        bytes.setSafe(i, r.bytes());
        gpus.setSafe(i, r.gpus());
        perNode.setSafe(i, r.gpusPerNode());
        collective.set(i, r.collective());
        comm.setSafe(i, r.communicationSeconds());
        compute.setSafe(i, r.computeSeconds());
        iterations.setSafe(i, r.iterations());
        train.setSafe(i, r.trainSeconds());
        bound.setSafe(i, r.computeBoundSeconds());
        intraAlpha.setSafe(i, r.intraAlphaSeconds());
        intraRate.setSafe(i, r.intraBytesPerSecond());
        interAlpha.setSafe(i, r.interAlphaSeconds());
        interRate.setSafe(i, r.interBytesPerSecond());
        costModel.set(i, r.costModel());
        inputs.set(i, r.inputs());
        Columns.setNullableDouble(measured, i, r.measuredSeconds());
      }

      @Override
      public ProjectionRow read(int i) {
        return new ProjectionRow(
            cluster.get(i),
            model.get(i),
            parameters.get(i),
            bytes.get(i),
            gpus.get(i),
            perNode.get(i),
            collective.get(i),
            comm.get(i),
            compute.get(i),
            iterations.get(i),
            train.get(i),
            bound.get(i),
            intraAlpha.get(i),
            intraRate.get(i),
            interAlpha.get(i),
            interRate.get(i),
            costModel.get(i),
            inputs.get(i),
            Columns.getNullableDouble(measured, i));
      }
    };
  }
}
