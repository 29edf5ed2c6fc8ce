package org.gossipbench.workloads.data;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The folder datasets are installed in, the same for every command and independent of the working
 * directory: {@code --data-dir} if given, else {@code $GOSSIPBENCH_DATA}, else the {@code data}
 * folder of the checkout bin/gossipbench runs from (it passes {@code -Dgossipbench.home}), else
 * {@code ./data}.
 */
public final class DataDir {
  public static final String ENV = "GOSSIPBENCH_DATA";
  public static final String HOME_PROPERTY = "gossipbench.home";

  /** For help texts. */
  public static final String HELP =
      "DIR defaults to $GOSSIPBENCH_DATA, else the data folder of the checkout bin/gossipbench"
          + " runs from, else ./data.";

  private DataDir() {}

  /**
   * @param explicit the folder given on the command line, or null
   */
  public static Path resolve(Path explicit) {
    return resolve(explicit, System.getenv(), System.getProperties());
  }

  static Path resolve(Path explicit, Map<String, String> env, Properties properties) {
    if (explicit != null) {
      return explicit;
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    String home = properties.getProperty(HOME_PROPERTY);
    if (home != null && !home.isBlank()) {
      return Path.of(home, "data");
    }
    return Path.of("data");
  }
}
