package org.gossipbench.workloads.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gossipbench.workloads.model.bert.BertConfig;

/**
 * The one place workload names map to workloads; the names appear in {@code gossipbench train
 * --workload}, {@code train --list} and the run summary's {@code workload} column. A spec may carry
 * parameters after the name, {@code synthetic-lsq:zeta=2:d=20}, for workloads that take them.
 */
public final class WorkloadRegistry {

  /** A registered workload: its name, what it takes, and how to build it from parameters. */
  public record Entry(
      String name,
      String description,
      Map<String, String> parameters,
      Function<Map<String, String>, Workload> factory) {}

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    dataset("mnist-mlp", "mnist", "mlp", "MNIST, MLP 784-256-10 (DL4J, 203,530 parameters)");
    dataset("mnist-lenet", "mnist", "lenet", "MNIST, LeNet-5-style CNN (DL4J, 431,080 parameters)");
    dataset("fashion-mnist-mlp", "fashion-mnist", "mlp", "Fashion-MNIST, MLP 784-256-10 (DL4J)");
    dataset(
        "fashion-mnist-lenet", "fashion-mnist", "lenet", "Fashion-MNIST, LeNet-style CNN (DL4J)");
    dataset(
        "fashion-mnist-resnet",
        "fashion-mnist",
        "resnet",
        "Fashion-MNIST, small ResNet with BatchNorm (DL4J ComputationGraph)");
    dataset(
        "spambase-logreg",
        "spambase",
        "logistic-regression",
        "Spambase (57 features), L2-regularized logistic regression (pure Java, float64)");
    dataset(
        "digits-logreg",
        "sklearn:digits",
        "logistic-regression",
        "sklearn digits (8x8), multinomial logistic regression (pure Java, float64)");
    dataset(
        "breast-cancer-logreg",
        "sklearn:breast-cancer",
        "logistic-regression",
        "sklearn breast cancer (30 features), logistic regression (pure Java, float64)");
    register(
        new Entry(
            "resnet50",
            "ResNet-50 (DL4J, 25,557,032 trainable parameters) on an ImageNet-style folder"
                + " root/{train,val}/<class>/*.JPEG given as resnet50:root=<folder>",
            ImageFolderWorkload.PARAMETERS,
            ImageFolderWorkload::new));
    register(
        new Entry(
            "brown-lstm",
            "Brown corpus, word-level LSTM language model (DL4J; metric: held-out cross"
                + " entropy, lower is better)",
            BrownLstmWorkload.PARAMETERS,
            BrownLstmWorkload::new));
    register(
        new Entry(
            "bert-base",
            "BERT-base masked LM (SameDiff, L=12 H=768 A=12; 109,482,240 parameters with the"
                + " pooler at V = 30,522) on tokenized text: bert-base:corpus=brown|<file>"
                + "[:vocab=<vocab.txt>]",
            BertWorkload.PARAMETERS,
            p -> new BertWorkload("bert-base", BertConfig.base(BertConfig.UNCASED_VOCAB), p)));
    register(
        new Entry(
            "bert-large",
            "BERT-large masked LM (SameDiff, L=24 H=1024 A=16; 335,141,888 parameters with the"
                + " pooler at V = 30,522), same parameters as bert-base",
            BertWorkload.PARAMETERS,
            p -> new BertWorkload("bert-large", BertConfig.large(BertConfig.UNCASED_VOCAB), p)));
    register(
        new Entry(
            "synthetic-lsq",
            "synthetic heterogeneous least squares: node optima shifted by zeta, exact x*, b² and"
                + " sigma² logged (pure Java, float64; metric: held-out loss)",
            SyntheticLeastSquaresWorkload.PARAMETERS,
            SyntheticLeastSquaresWorkload::new));
    register(
        new Entry(
            "synthetic-logreg",
            "synthetic heterogeneous logistic regression: node classifiers shifted by zeta, x* and"
                + " b² computed to |grad f| < 1e-10 and logged (pure Java, float64)",
            SyntheticLogisticWorkload.PARAMETERS,
            SyntheticLogisticWorkload::new));
  }

  private WorkloadRegistry() {}

  private static void dataset(String name, String dataset, String model, String description) {
    register(
        new Entry(
            name,
            description,
            Map.of(),
            p -> new DatasetWorkload(name, dataset, model, description)));
  }

  /**
   * @throws IllegalArgumentException if the name is taken
   */
  public static synchronized void register(Entry e) {
    if (ENTRIES.putIfAbsent(e.name(), e) != null) {
      throw new IllegalArgumentException("workload '" + e.name() + "' is already registered");
    }
  }

  public static synchronized List<Entry> entries() {
    return List.copyOf(ENTRIES.values());
  }

  /**
   * The workload for {@code spec} ({@code name} or {@code name:key=value:…}).
   *
   * @throws IllegalArgumentException naming the known workloads, or the parameters a workload takes
   */
  public static synchronized Workload get(String spec) {
    int colon = spec.indexOf(':');
    String name = colon < 0 ? spec : spec.substring(0, colon);
    Entry e = ENTRIES.get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown workload '" + name + "'; known: " + String.join(", ", ENTRIES.keySet()));
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (colon >= 0) {
      for (String kv : spec.substring(colon + 1).split(":")) {
        int eq = kv.indexOf('=');
        String key = eq < 0 ? kv : kv.substring(0, eq);
        if (eq <= 0 || !e.parameters().containsKey(key)) {
          throw new IllegalArgumentException(
              "workload "
                  + name
                  + " takes no parameter '"
                  + kv
                  + "'"
                  + (e.parameters().isEmpty()
                      ? ""
                      : "; it takes: " + String.join(", ", e.parameters().keySet())));
        }
        params.put(key, kv.substring(eq + 1));
      }
    }
    return e.factory().apply(params);
  }
}
