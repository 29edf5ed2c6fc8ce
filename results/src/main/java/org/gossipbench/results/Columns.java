package org.gossipbench.results;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** Field definitions and typed vector access shared by the record schemas. */
final class Columns {
  private Columns() {}

  static Field utf8(String name) {
    return new Field(name, FieldType.notNullable(ArrowType.Utf8.INSTANCE), null);
  }

  static Field int32(String name) {
    return new Field(name, FieldType.notNullable(new ArrowType.Int(32, true)), null);
  }

  static Field int64(String name) {
    return new Field(name, FieldType.notNullable(new ArrowType.Int(64, true)), null);
  }

  static Field float64(String name) {
    return new Field(
        name,
        FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        null);
  }

  static Field bool(String name) {
    return new Field(name, FieldType.notNullable(ArrowType.Bool.INSTANCE), null);
  }

  /** A copy of {@code f} that may hold nulls. */
  static Field nullable(Field f) {
    return new Field(f.getName(), new FieldType(true, f.getType(), null, f.getMetadata()), null);
  }

  /** A copy of {@code f} marked as a timing column with the given unit. */
  static Field timing(Field f, String unit) {
    Map<String, String> meta = new HashMap<>();
    meta.put(RecordSchema.TIMING_KEY, "true");
    meta.put(RecordSchema.UNIT_KEY, unit);
    return new Field(f.getName(), new FieldType(f.isNullable(), f.getType(), null, meta), null);
  }

  /** A copy of {@code f} with a unit. */
  static Field unit(Field f, String unit) {
    return new Field(
        f.getName(),
        new FieldType(f.isNullable(), f.getType(), null, Map.of(RecordSchema.UNIT_KEY, unit)),
        null);
  }

  @SuppressWarnings("unchecked")
  static <V extends FieldVector> V vector(VectorSchemaRoot root, String name, Class<V> type) {
    FieldVector v = root.getVector(name);
    if (v == null) {
      throw new ResultsException("column '" + name + "' is missing");
    }
    if (!type.isInstance(v)) {
      throw new ResultsException(
          "column '"
              + name
              + "' is "
              + v.getField().getType()
              + ", expected "
              + type.getSimpleName());
    }
    return (V) v;
  }

  /**
   * Writes strings through a one-entry cache: a run writes the same algorithm and topology names on
   * every row, so their UTF-8 bytes are encoded once, not per row.
   */
  static final class StringColumn {
    private final VarCharVector vector;
    private String last;
    private byte[] lastBytes;

    StringColumn(VarCharVector vector) {
      this.vector = vector;
    }

    void set(int index, String value) {
      if (value != last) {
        last = value;
        lastBytes = value.getBytes(StandardCharsets.UTF_8);
      }
      vector.setSafe(index, lastBytes);
    }

    String get(int index) {
      return new String(vector.get(index), StandardCharsets.UTF_8);
    }
  }

  static void setNullableLong(BigIntVector v, int index, Long value) {
    if (value == null) {
      v.setNull(index);
    } else {
      v.setSafe(index, value);
    }
  }

  static Long getNullableLong(BigIntVector v, int index) {
    return v.isNull(index) ? null : v.get(index);
  }

  static void setNullableDouble(Float8Vector v, int index, Double value) {
    if (value == null) {
      v.setNull(index);
    } else {
      v.setSafe(index, value);
    }
  }

  static Double getNullableDouble(Float8Vector v, int index) {
    return v.isNull(index) ? null : v.get(index);
  }

  /** Run-summary strings are one per run: encoding per call is fine there. */
  static void setNullableString(VarCharVector v, int index, String value) {
    if (value == null) {
      v.setNull(index);
    } else {
      v.setSafe(index, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  static String getNullableString(VarCharVector v, int index) {
    return v.isNull(index) ? null : new String(v.get(index), StandardCharsets.UTF_8);
  }

  static void setNullableInt(IntVector v, int index, Integer value) {
    if (value == null) {
      v.setNull(index);
    } else {
      v.setSafe(index, value);
    }
  }

  static Integer getNullableInt(IntVector v, int index) {
    return v.isNull(index) ? null : v.get(index);
  }

  static void setBool(BitVector v, int index, boolean value) {
    v.setSafe(index, value ? 1 : 0);
  }
}
