package org.gossipbench.cli.reproduce;

/**
 * The data the seed's large workloads need and this machine does not have, given on the command
 * line: an ImageNet-style folder for ResNet-50 and a corpus (plus, optionally, a WordPiece
 * vocabulary) for BERT. Either may be null; the plan then leaves that workload out and says so.
 *
 * @param imagenet a folder of train/ and val/ class folders, or null
 * @param bertCorpus {@code brown} or a text file (a sentence per line, blank lines between
 *     documents), or null
 * @param bertVocab a {@code vocab.txt}, or null to derive one from the corpus
 */
public record LargeModels(String imagenet, String bertCorpus, String bertVocab) {
  public static final LargeModels NONE = new LargeModels(null, null, null);
}
