package org.gossipbench.workloads.algorithm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;
import org.gossipbench.collectives.topology.Mixing;
import org.gossipbench.collectives.topology.Topology;

/**
 * The one place algorithm names map to their classes; the same names appear in {@code gossipbench
 * train --algorithm}, {@code train --list} and the Arrow {@code algorithm} column. A new algorithm
 * is one class and one {@link #register} line here.
 */
public final class AlgorithmRegistry {

  /**
   * @param needsTopology whether the algorithm gossips over {@code --topology}
   * @param parameters the algorithm's own parameters: name → one-line meaning with its default
   * @param validator rejects options the algorithm cannot run with (a bad parameter value, momentum
   *     it does not take), with a one-line {@link IllegalArgumentException}, before any rank starts
   * @param requiredMixing what the algorithm needs of every W^(k): {@link Mixing#DOUBLY_STOCHASTIC}
   *     for all that converge to the average by mixing x alone; {@link Mixing#COLUMN_STOCHASTIC}
   *     for push-sum, which de-biases by its weights
   * @param batchesPerStep mini-batches one step draws per node, from the options and the topology
   *     (null when it has none): 1 for most, R for DeTAG's accumulation phase. The trainer counts
   *     samples and epochs by it, so that budgets compare equal numbers of gradients.
   */
  public record Entry(
      String name,
      String description,
      boolean needsTopology,
      Map<String, String> parameters,
      BiConsumer<AlgorithmOptions, Topology> validator,
      Function<AlgorithmContext, Algorithm> factory,
      Mixing requiredMixing,
      ToIntBiFunction<AlgorithmOptions, Topology> batchesPerStep) {
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
      parameters = Map.copyOf(parameters);
      Objects.requireNonNull(validator, "validator");
      Objects.requireNonNull(factory, "factory");
      Objects.requireNonNull(requiredMixing, "requiredMixing");
      Objects.requireNonNull(batchesPerStep, "batchesPerStep");
    }

    /** An algorithm that needs doubly stochastic topologies and draws one batch a step. */
    public Entry(
        String name,
        String description,
        boolean needsTopology,
        Map<String, String> parameters,
        BiConsumer<AlgorithmOptions, Topology> validator,
        Function<AlgorithmContext, Algorithm> factory) {
      this(
          name,
          description,
          needsTopology,
          parameters,
          validator,
          factory,
          Mixing.DOUBLY_STOCHASTIC,
          (o, t) -> 1);
    }

    /** This entry, running on topologies that are {@code mixing} at least. */
    public Entry withRequiredMixing(Mixing mixing) {
      return new Entry(
          name, description, needsTopology, parameters, validator, factory, mixing, batchesPerStep);
    }

    /** This entry, drawing {@code batches} mini-batches a step. */
    public Entry withBatchesPerStep(ToIntBiFunction<AlgorithmOptions, Topology> batches) {
      return new Entry(
          name,
          description,
          needsTopology,
          parameters,
          validator,
          factory,
          requiredMixing,
          batches);
    }

    /** Mini-batches one step draws per node with these options on this topology (or null). */
    public int batchesPerStep(AlgorithmOptions options, Topology topology) {
      return batchesPerStep.applyAsInt(options, topology);
    }

    /** An algorithm that takes every option the shared ones allow. */
    public Entry(
        String name,
        String description,
        boolean needsTopology,
        Map<String, String> parameters,
        Function<AlgorithmContext, Algorithm> factory) {
      this(name, description, needsTopology, parameters, (o, t) -> {}, factory);
    }

    /**
     * Checks the parameter names and the algorithm's own constraints.
     *
     * @throws IllegalArgumentException with a one-line message
     */
    public void validate(AlgorithmOptions options) {
      validate(options, null);
    }

    /** As {@link #validate(AlgorithmOptions)}, and checks the topology (null: none given). */
    public void validate(AlgorithmOptions options, Topology topology) {
      for (String p : options.parameters().keySet()) {
        if (!parameters.containsKey(p)) {
          throw new IllegalArgumentException(
              "algorithm "
                  + name
                  + " has no parameter '"
                  + p
                  + "'"
                  + (parameters.isEmpty()
                      ? ""
                      : "; it takes: " + String.join(", ", parameters.keySet())));
        }
      }
      if (needsTopology
          && topology != null
          && requiredMixing == Mixing.DOUBLY_STOCHASTIC
          && topology.mixing() == Mixing.COLUMN_STOCHASTIC) {
        throw new IllegalArgumentException(
            "algorithm "
                + name
                + " needs a doubly stochastic topology; "
                + topology.name()
                + " is "
                + topology.mixing().label()
                + " only (run it with --algorithm push-sum)");
      }
      validator.accept(options, topology);
    }

    /**
     * @throws IllegalArgumentException for options the algorithm does not take
     */
    public Algorithm create(AlgorithmContext ctx) {
      validate(ctx.options(), ctx.topologyOrNull());
      return factory.apply(ctx);
    }
  }

  private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

  static {
    register(
        new Entry(
            "psgd",
            "parallel SGD: gradients averaged by allreduce each step (--allreduce); with"
                + " --local-steps H > 1, local SGD: models averaged every H steps",
            false,
            Map.of(),
            Psgd::new));
    register(
        new Entry(
            "dsgd",
            "decentralized SGD, adapt-then-combine: local step, then gossip with the neighbors"
                + " (Lian et al. 2017)",
            true,
            Map.of(),
            Dsgd::new));
    register(
        new Entry(
            "dsgd-cta",
            "decentralized SGD, combine-then-adapt (adapt-with-combine): gradient at the"
                + " pre-gossip point, gossip, then the local step",
            true,
            Map.of(),
            DsgdCombineThenAdapt::new));
    register(
        new Entry(
            "gradient-tracking",
            "gradient tracking (DIGing, ATC): gossip x - lr*y and a tracker y of the average"
                + " gradient; no heterogeneity bias; momentum acts on y",
            true,
            Map.of(),
            (o, t) -> GradientTracking.validate(o),
            GradientTracking::new));
    register(
        new Entry(
            "exact-diffusion",
            "exact diffusion / D2 (Yuan et al. 2019): adapt, correct, combine with (I+W)/2; no"
                + " heterogeneity bias; plain SGD steps",
            true,
            Map.of(),
            (o, t) -> ExactDiffusion.validate(o),
            ExactDiffusion::new));
    register(
        new Entry(
            "gossip-pga",
            "Gossip-PGA (Chen et al. 2021): DSGD with an exact global average (--allreduce) every"
                + " period-th step",
            true,
            Map.of("period", "H, iterations between global averages (default 8)"),
            (o, t) -> GossipPga.validate(o),
            GossipPga::new));
    register(
        new Entry(
                "detag",
                "DeTAG (Lu & De Sa 2021): gradient tracking with R rounds of accelerated gossip and R"
                    + " accumulated mini-batches per iteration; static topologies",
                true,
                Map.of(
                    "rounds",
                    "R, gossip rounds and mini-batches per iteration (default ceil(1/sqrt(1-lambda)))"),
                Detag::validate,
                Detag::new)
            .withBatchesPerStep(Detag::batchesPerStep));
    register(
        new Entry(
                "push-sum",
                "stochastic gradient push (Assran et al. 2019): DSGD carrying a push-sum weight,"
                    + " gradients at x/w; runs on directed, column-stochastic topologies too",
                true,
                Map.of(),
                (o, t) -> {},
                PushSum::new)
            .withRequiredMixing(Mixing.COLUMN_STOCHASTIC));
    register(
        new Entry(
                "push-diging",
                "Push-DIGing (Nedic, Olshevsky & Shi 2017): gradient tracking over push-sum; exact"
                    + " optimum on directed, column-stochastic, time-varying graphs",
                true,
                Map.of(),
                (o, t) -> GradientTracking.validate(o),
                PushDiging::new)
            .withRequiredMixing(Mixing.COLUMN_STOCHASTIC));
  }

  private AlgorithmRegistry() {}

  /**
   * @throws IllegalArgumentException if the name is taken
   */
  public static synchronized void register(Entry e) {
    if (ENTRIES.putIfAbsent(e.name(), e) != null) {
      throw new IllegalArgumentException("algorithm '" + e.name() + "' is already registered");
    }
  }

  public static synchronized List<Entry> entries() {
    return List.copyOf(ENTRIES.values());
  }

  /**
   * @throws IllegalArgumentException naming the known algorithms
   */
  public static synchronized Entry get(String name) {
    Entry e = ENTRIES.get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown algorithm '" + name + "'; known: " + String.join(", ", ENTRIES.keySet()));
    }
    return e;
  }
}
