package org.gossipbench.workloads.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableReaderTest {
  private static final String SPAM_LIKE = "0,0.64,1.5,61,1\n0.21,0.28,3.756,101,0\n";
  private static final String SKLEARN_LIKE =
      "3,2,setosa,versicolor\n5.1,3.5,0\n4.9,3.0,1\n6.0,2.2,1\n";

  @Test
  void shouldReadRowsWithTheLabelInTheLastColumn() {
    LabelledTable t =
        CsvTableReader.parse("s.csv", SPAM_LIKE.getBytes(UTF_8), CsvTableReader.Header.NONE);
    assertEquals(2, t.rows());
    assertEquals(4, t.featureCount());
    assertArrayEquals(new double[] {0, 0.64, 1.5, 61, 0.21, 0.28, 3.756, 101}, t.features());
    assertArrayEquals(new int[] {1, 0}, t.labels());
    assertEquals(List.of(), t.classNames());
  }

  @Test
  void shouldReadAGzippedFileAsThePlainOne() {
    LabelledTable t =
        CsvTableReader.parse(
            "s.csv.gz", TestFiles.gzip(SPAM_LIKE.getBytes(UTF_8)), CsvTableReader.Header.NONE);
    assertArrayEquals(new int[] {1, 0}, t.labels());
  }

  @Test
  void shouldTakeCountsAndClassNamesFromAScikitLearnHeader() {
    LabelledTable t =
        CsvTableReader.parse("i.csv", SKLEARN_LIKE.getBytes(UTF_8), CsvTableReader.Header.SKLEARN);
    assertEquals(3, t.rows());
    assertEquals(2, t.featureCount());
    assertEquals(List.of("setosa", "versicolor"), t.classNames());
    assertArrayEquals(new int[] {0, 1, 1}, t.labels());
  }

  @Test
  void shouldRejectARowCountThatContradictsTheHeader() {
    String s = "4,2,a,b\n5.1,3.5,0\n4.9,3.0,1\n";
    DataFormatException e =
        assertThrows(
            DataFormatException.class,
            () -> CsvTableReader.parse("i.csv", s.getBytes(UTF_8), CsvTableReader.Header.SKLEARN));
    assertEquals("i.csv: header declares 4 samples, file has 2 rows", e.getMessage());
  }

  @Test
  void shouldRejectALabelOutsideTheDeclaredClasses() {
    String s = "1,2,a,b\n5.1,3.5,2\n";
    assertEquals(
        "i.csv:2: label 2 outside [0, 2)",
        assertThrows(
                DataFormatException.class,
                () ->
                    CsvTableReader.parse("i.csv", s.getBytes(UTF_8), CsvTableReader.Header.SKLEARN))
            .getMessage());
  }

  @Test
  void shouldRejectARaggedRowAndANonNumberNamingTheLine() {
    String ragged = "1,2,0\n1,2\n";
    assertEquals(
        "s.csv:2: 2 columns, expected 3",
        assertThrows(
                DataFormatException.class,
                () ->
                    CsvTableReader.parse(
                        "s.csv", ragged.getBytes(UTF_8), CsvTableReader.Header.NONE))
            .getMessage());
    String word = "1,2,0\n1,x,1\n";
    assertEquals(
        "s.csv:2: column 2 is 'x', not a finite number",
        assertThrows(
                DataFormatException.class,
                () ->
                    CsvTableReader.parse("s.csv", word.getBytes(UTF_8), CsvTableReader.Header.NONE))
            .getMessage());
    String fraction = "1,2,0.5\n";
    assertThrows(
        DataFormatException.class,
        () -> CsvTableReader.parse("s.csv", fraction.getBytes(UTF_8), CsvTableReader.Header.NONE));
  }

  @Test
  void shouldRejectAHeaderThatIsNotCounts() {
    String s = "n_samples,2,a\n1,2,0\n";
    assertEquals(
        "h.csv:1: n_samples is 'n_samples', not a positive integer",
        assertThrows(
                DataFormatException.class,
                () ->
                    CsvTableReader.parse("h.csv", s.getBytes(UTF_8), CsvTableReader.Header.SKLEARN))
            .getMessage());
  }
}
