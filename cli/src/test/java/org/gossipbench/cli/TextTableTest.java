package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

  private static String csv(List<String> header, List<String> row) {
    TextTable t = new TextTable(header, new boolean[header.size()]);
    t.addRow(row);
    StringWriter s = new StringWriter();
    t.print(new PrintWriter(s), OutputFormat.csv);
    return s.toString();
  }

  @Test
  void shouldEndEveryCsvRecordInCrlf() {
    assertEquals("a,b\r\n1,2\r\n", csv(List.of("a", "b"), List.of("1", "2")));
  }

  @Test
  void shouldQuoteCsvFieldsWithCommaQuoteCrOrLfAndNothingElse() {
    assertEquals(
        "a,b,c,d,e\r\n\"x,y\",\"say \"\"hi\"\"\",\"cr\rhere\",\"lf\nhere\",plain text\r\n",
        csv(
            List.of("a", "b", "c", "d", "e"),
            List.of("x,y", "say \"hi\"", "cr\rhere", "lf\nhere", "plain text")));
  }
}
