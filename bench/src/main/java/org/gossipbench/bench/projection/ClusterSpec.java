package org.gossipbench.bench.projection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gossipbench.workloads.algorithm.NetworkModel;

/**
 * A cluster the α–β model projects onto (SPEC &sect;5): nodes of {@code gpusPerNode} GPUs joined by
 * fast intra-node links, nodes joined by one inter-node link each, and the GPUs' compute rate. Read
 * from a JSON file or a preset ({@link #PRESETS}); every figure's origin is in {@link #source()}
 * and printed with every projection.
 *
 * @param name short name, e.g. {@code v100-25gbe}
 * @param description one line
 * @param gpusPerNode G, GPUs (ranks) per node
 * @param intra the link inside a node (α per round, the bandwidth a ring step gets)
 * @param inter a node's link to the others (α per round, the bandwidth of the node's NIC)
 * @param peakFlops F, peak FLOP/s of one GPU at the precision training uses
 * @param utilization U, the fraction of F a training step attains
 * @param source where each figure comes from
 */
public record ClusterSpec(
    String name,
    String description,
    int gpusPerNode,
    NetworkModel intra,
    NetworkModel inter,
    double peakFlops,
    double utilization,
    String source) {

  /** The presets shipped with the suite: the seed's clusters. */
  public static final List<String> PRESETS = List.of("v100-25gbe", "a100-200gbib");

  public ClusterSpec {
    if (gpusPerNode < 1) {
      throw new IllegalArgumentException("gpus_per_node must be >= 1, got " + gpusPerNode);
    }
    if (!(peakFlops > 0) || !(utilization > 0 && utilization <= 1)) {
      throw new IllegalArgumentException(
          "cluster '"
              + name
              + "' needs peak_tflops > 0 and 0 < utilization <= 1, got "
              + peakFlops / 1e12
              + " and "
              + utilization);
    }
  }

  /**
   * A preset by name, or a JSON file by path.
   *
   * @throws IllegalArgumentException (one line) for an unknown preset, a missing or malformed file
   */
  public static ClusterSpec load(String presetOrFile) {
    if (PRESETS.contains(presetOrFile)) {
      String resource = "clusters/" + presetOrFile + ".json";
      try (InputStream in = ClusterSpec.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("preset resource missing from the jar: " + resource);
        }
        return parse(new ObjectMapper().readTree(in), presetOrFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Path file = Path.of(presetOrFile);
    try {
      return parse(new ObjectMapper().readTree(Files.readString(file)), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "cluster '"
              + presetOrFile
              + "' is neither a preset ("
              + String.join(", ", PRESETS)
              + ") nor a file");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cluster file "
              + file
              + " is not readable JSON: "
              + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /**
   * The fields of a cluster file: {@code name}, {@code description}, {@code gpus_per_node}, {@code
   * intra_alpha_us}, {@code intra_bandwidth_gbps}, {@code inter_alpha_us}, {@code
   * inter_bandwidth_gbps} (Gbit/s), {@code peak_tflops}, {@code utilization}, {@code source}.
   */
  static ClusterSpec parse(JsonNode json, String where) {
    return new ClusterSpec(
        text(json, "name", where),
        json.path("description").asText(""),
        (int) number(json, "gpus_per_node", where),
        new NetworkModel(
            number(json, "intra_alpha_us", where) * 1e-6,
            number(json, "intra_bandwidth_gbps", where) * 1e9 / 8),
        new NetworkModel(
            number(json, "inter_alpha_us", where) * 1e-6,
            number(json, "inter_bandwidth_gbps", where) * 1e9 / 8),
        number(json, "peak_tflops", where) * 1e12,
        number(json, "utilization", where),
        json.path("source").asText("(no source given)"));
  }

  private static double number(JsonNode json, String field, String where) {
    JsonNode v = json.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException(
          "cluster " + where + ": field '" + field + "' must be a number");
    }
    return v.asDouble();
  }

  private static String text(JsonNode json, String field, String where) {
    JsonNode v = json.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(
          "cluster " + where + ": field '" + field + "' must be a non-empty string");
    }
    return v.asText();
  }

  /** This cluster with another inter-node link: the sensitivity of a projection to it. */
  public ClusterSpec withInter(NetworkModel link) {
    return new ClusterSpec(
        name, description, gpusPerNode, intra, link, peakFlops, utilization, source);
  }

  /** This cluster with another intra-node link. */
  public ClusterSpec withIntra(NetworkModel link) {
    return new ClusterSpec(
        name, description, gpusPerNode, link, inter, peakFlops, utilization, source);
  }

  /** One line: the figures a projection used. */
  public String inputs() {
    return String.format(
        Locale.ROOT,
        "%s: %d GPUs/node; intra %s; inter %s; %.4g TFLOP/s peak at utilization %.2f",
        name,
        gpusPerNode,
        intra.describe(),
        inter.describe(),
        peakFlops / 1e12,
        utilization);
  }
}
