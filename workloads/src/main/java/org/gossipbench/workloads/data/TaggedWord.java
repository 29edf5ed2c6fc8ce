package org.gossipbench.workloads.data;

/** A token of a tagged corpus: the word as written and its part-of-speech tag (Brown's tag set). */
public record TaggedWord(String word, String tag) {}
