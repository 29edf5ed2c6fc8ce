package org.gossipbench.analysis.compare;

import java.time.Instant;

/**
 * One run's value of one metric for one benchmark configuration.
 *
 * @param benchmark {@code collective} or {@code training}
 * @param key the configuration, every column that defines it, e.g. {@code allreduce ring ring
 *     in-process n=4 bytes=4096}; runs with the same key are repeats, whatever their seed
 * @param commit the provenance's git commit (full hash, or {@code unknown})
 * @param dirty whether the run's tree differed from the commit ({@code gitDirty} true)
 * @param startTime the run's start, which orders the commits
 * @param load the 1-minute load average when the run started, NaN when not logged
 * @param runId the results file's run id
 */
public record Observation(
    String benchmark,
    String key,
    Metric metric,
    String commit,
    boolean dirty,
    Instant startTime,
    double load,
    String runId,
    double value) {}
