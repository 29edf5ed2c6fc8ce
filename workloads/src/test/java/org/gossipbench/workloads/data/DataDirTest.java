package org.gossipbench.workloads.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DataDirTest {
  private static Properties home(String value) {
    Properties p = new Properties();
    p.setProperty(DataDir.HOME_PROPERTY, value);
    return p;
  }

  @Test
  void shouldPreferTheFlagThenTheEnvironmentThenTheCheckoutThenTheWorkingDirectory() {
    Map<String, String> env = Map.of(DataDir.ENV, "/env/data");
    assertEquals(Path.of("/flag"), DataDir.resolve(Path.of("/flag"), env, home("/home")));
    assertEquals(Path.of("/env/data"), DataDir.resolve(null, env, home("/home")));
    assertEquals(Path.of("/home/data"), DataDir.resolve(null, Map.of(), home("/home")));
    assertEquals(Path.of("data"), DataDir.resolve(null, Map.of(), new Properties()));
  }
}
