package org.gossipbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seals the CLI's CSV output with golden files, under locales with a decimal point and with a
 * decimal comma. Regenerate after an intended change with {@code -Dgolden.update=true}.
 */
class CsvGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private final Locale original = Locale.getDefault();

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(original);
  }

  static Stream<Arguments> cases() {
    String[][] commands = {
      {
        "consensus-ring-5.csv",
        "topology consensus ring -n 5 --iterations 0,1,5,10,20,50 --format csv"
      },
      {
        "consensus-exp-5.csv",
        "topology consensus exp -n 5 --iterations 0,1,5,10,20,50 --format csv"
      },
      {
        "consensus-one-peer-exp-8.csv",
        "topology consensus one-peer-exp -n 8 --iterations 0,1,2,3,4 --init 1,0,0,0,0,0,0,0 --format csv"
      },
      {
        "results-show-training-step.csv",
        "results show ../results/src/test/resources/fixtures/v1/training-step.arrow --rows 6 --format csv"
      },
      {
        "results-show-collective.csv",
        "results show ../results/src/test/resources/fixtures/v1/collective.arrow --rows 4 --format csv"
      },
      {"show-torus-6.csv", "topology show torus:rows=2:cols=3 -n 6 --format csv"},
      {
        "show-base-k2-5-iteration1.csv",
        "topology show base:k=2 -n 5 --iteration 1 --sparse --format csv"
      },
      {
        "table-small.csv",
        "topology table -n 4,5,8 --topologies ring,grid,torus,exp,one-peer-exp,one-peer-hypercube,base:k=2,star,fully-connected --format csv"
      },
      {
        "table-random.csv",
        "topology table -n 6,16 --topologies erdos-renyi:p=0.4:seed=3,d-equistatic:m=3:seed=5,u-equistatic:m=3:seed=5,od-equidyn:seed=2,ou-equidyn:seed=2 --format csv"
      },
    };
    Stream.Builder<Arguments> b = Stream.builder();
    for (Locale locale : new Locale[] {Locale.US, Locale.GERMANY}) {
      for (String[] c : commands) {
        b.add(Arguments.of(c[0], c[1], locale));
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} in {2}")
  @MethodSource("cases")
  void shouldPrintExactlyTheGoldenCsv(String file, String command, Locale locale)
      throws IOException {
    Locale.setDefault(locale);
    CliRunner r = CliRunner.run(command.split(" "));
    assertEquals(0, r.exitCode(), r.err());
    Path golden = GOLDEN.resolve(file);
    if (Boolean.getBoolean("golden.update") && locale.equals(Locale.US)) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), r.out());
  }
}
