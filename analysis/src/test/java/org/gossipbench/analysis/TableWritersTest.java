package org.gossipbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableWritersTest {
  static Table sample() {
    DoubleColumn x = DoubleColumn.create("x", 0.1 + 0.2, 1e-7, 123456.789);
    x.appendMissing();
    return Table.create(
        "t",
        StringColumn.create("name", "a,b", "say \"hi\"", "plain", "gone"),
        IntColumn.create("n", 4, 8, 16, 32),
        x);
  }

  @Test
  void shouldWriteCsvWithShortestRoundTripNumbersWhateverTheLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals(
          "name,n,x\r\n"
              + "\"a,b\",4,0.30000000000000004\r\n"
              + "\"say \"\"hi\"\"\",8,1e-7\r\n"
              + "plain,16,123456.789\r\n"
              + "gone,32,\r\n",
          CsvTables.table(sample()));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void shouldWriteMarkdownRoundedWithNumericColumnsRightAligned() {
    assertEquals(
        "| name | n | x |\n"
            + "|---|---:|---:|\n"
            + "| a,b | 4 | 0.3000 |\n"
            + "| say \"hi\" | 8 | 1.000e-07 |\n"
            + "| plain | 16 | 123500 |\n"
            + "| gone | 32 | - |\n",
        MarkdownTables.table(sample()));
  }
}
