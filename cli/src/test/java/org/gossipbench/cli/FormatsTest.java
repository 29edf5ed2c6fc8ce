package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatsTest {
  private final Locale original = Locale.getDefault();

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(original);
  }

  @ParameterizedTest
  @CsvSource({
    "1.0, 1",
    "-3.0, -3",
    "0.1, 0.1",
    "0.000025093, 0.000025093",
    "1.0e-6, 0.000001",
    "1.0e-7, 1e-7",
    "-2.5e-12, -2.5e-12",
    "123456.789, 123456.789",
    "1.0e21, 1e21",
    "1.0e20, 100000000000000000000",
    "2.0e23, 2e23",
    "1.0e23, 1e23",
    "6.8479835487449702e18, 6847983548744970000",
    "4.9e-324, 5e-324",
    "1.7976931348623157e308, 1.7976931348623157e308",
    "-0.0, 0",
    "0.0, 0",
    "NaN, NaN",
    "-Infinity, -Infinity"
  })
  void shouldWriteTheShortestDecimalInPlainOrExponentNotation(double value, String expected) {
    assertEquals(expected, Formats.roundTrip(value));
  }

  @Test
  void shouldRoundTripEveryDoubleWithAsFewDigitsAsSchubfachUnderAnyLocale() {
    Locale.setDefault(Locale.GERMANY);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      double value =
          i % 2 == 0
              ? Double.longBitsToDouble(random.nextLong())
              : random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
      if (!Double.isFinite(value) || value == 0) {
        continue;
      }
      String s = Formats.roundTrip(value);
      assertEquals(value, Double.parseDouble(s), s);
      assertFalse(s.contains(","), s);
      BigDecimal shortest = new BigDecimal(DoubleToDecimal.toString(value)).stripTrailingZeros();
      assertEquals(
          shortest.precision(),
          new BigDecimal(s).stripTrailingZeros().precision(),
          value + " as " + s);
    }
  }

  @Test
  void shouldKeepFixedRoundingForPeople() {
    Locale.setDefault(Locale.GERMANY);
    assertEquals("0.000025", Formats.number(0.000025093, 6, OutputFormat.text));
    assertEquals("0.000025093", Formats.number(0.000025093, 6, OutputFormat.csv));
    assertEquals("0.000", Formats.fixed(-0.0001, 3));
  }

  @ParameterizedTest
  @CsvSource({
    "0.21459123, 0.2146",
    "5.2661912, 5.266",
    "-1.00119, -1.001",
    "16.0, 16",
    "0.000387732, 0.0003877",
    "3.87573e-6, 3.876e-06",
    "1234567.0, 1.235e+06",
    "0.0, 0"
  })
  void shouldKeepFourSignificantDigitsForValuesSpanningDecades(double value, String expected) {
    Locale.setDefault(Locale.GERMANY);
    assertEquals(expected, Formats.significant(value, 4));
  }
}
