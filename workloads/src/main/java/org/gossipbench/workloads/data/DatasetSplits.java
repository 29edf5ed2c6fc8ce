package org.gossipbench.workloads.data;

/** A named dataset's fixed train and test sets. */
public record DatasetSplits(Dataset train, Dataset test) {}
