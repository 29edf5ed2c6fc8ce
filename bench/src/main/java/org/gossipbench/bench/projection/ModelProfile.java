package org.gossipbench.bench.projection;

import java.util.List;
import java.util.Locale;

/**
 * What a projection needs of a model: the gradient it communicates, the FLOPs a sample costs and
 * the samples training takes to its target, each with its source.
 *
 * @param name e.g. {@code resnet50}
 * @param parameters P, the flat parameter count
 * @param bytesPerParameter bytes per communicated gradient entry (4: float32)
 * @param trainFlopsPerSample FLOPs of one sample's forward and backward pass
 * @param sampleUnit what a sample is ({@code image}, {@code token})
 * @param samplesPerGpu samples in one GPU's mini-batch
 * @param samplesToTarget samples processed until the target is reached (given, with its source)
 * @param source where the figures come from
 */
public record ModelProfile(
    String name,
    long parameters,
    int bytesPerParameter,
    double trainFlopsPerSample,
    String sampleUnit,
    long samplesPerGpu,
    double samplesToTarget,
    String source) {

  /**
   * ResNet-50 at 224×224: torchvision's 25,557,032 weights, biases and BatchNorm scales and shifts
   * (the seed's 25.5 M; BatchNorm running statistics are not gradients and not counted).
   */
  public static final ModelProfile RESNET50 =
      new ModelProfile(
          "resnet50",
          25_557_032L,
          4,
          3 * 8.2e9,
          "image",
          32,
          90 * 1_281_167.0,
          "25,557,032 parameters (torchvision resnet50: weights, biases, BatchNorm gamma and beta);"
              + " float32 gradients; 8.2 GFLOP forward per 224x224 image (4.1 G multiply-adds),"
              + " x3 for forward and backward; 32 images per GPU and 90 ImageNet epochs of"
              + " 1,281,167 images to about 76% top-1 (Goyal et al. 2017; MLPerf's target is"
              + " 75.9%)");

  /**
   * BERT-large (24 layers, hidden 1024, 16 heads, FFN 4096, vocabulary 30,522, 512 positions, 2
   * token types): 335,141,888 parameters counting the embeddings and the pooler (the seed's 330 M;
   * the masked-LM head's transform adds 1,082,368 and its output bias 30,522 more).
   */
  public static final ModelProfile BERT_LARGE =
      new ModelProfile(
          "bert-large",
          335_141_888L,
          4,
          8 * 335_141_888.0,
          "token",
          8 * 512,
          1_000_000.0 * 256 * 512,
          "335,141,888 parameters (embeddings, 24 encoder layers, pooler; the seed's 330 M);"
              + " float32 gradients; 8P FLOPs per token (docs/SPEC.md section 5: 8TP/(NFU), 6P"
              + " for forward and backward plus 2P of recomputation); 8 sequences of 512 tokens"
              + " per GPU; 1 M steps of 256 sequences of 512 tokens (Devlin et al. 2019's"
              + " pre-training, an upper bound: 90% of its steps used 128 tokens)");

  public static final List<ModelProfile> PRESETS = List.of(RESNET50, BERT_LARGE);

  /** S: the bytes one iteration's gradient averaging moves per rank. */
  public long bytes() {
    return parameters * bytesPerParameter;
  }

  /** A preset by name. */
  public static ModelProfile named(String name) {
    for (ModelProfile m : PRESETS) {
      if (m.name.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown model '"
            + name
            + "'; known: "
            + String.join(", ", PRESETS.stream().map(ModelProfile::name).toList()));
  }

  /** One line, for a projection's inputs. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%s: P=%d (%.1f M), S=%d bytes, %.3g FLOP per %s, %d %ss per GPU, %.4g %ss to target",
        name,
        parameters,
        parameters / 1e6,
        bytes(),
        trainFlopsPerSample,
        sampleUnit,
        samplesPerGpu,
        sampleUnit,
        samplesToTarget,
        sampleUnit);
  }
}
