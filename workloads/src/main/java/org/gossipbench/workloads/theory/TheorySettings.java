package org.gossipbench.workloads.theory;

/**
 * How large a theory run is and where its randomness starts.
 *
 * @param quick the small sizes the tests use (seconds) instead of the full run's (minutes)
 * @param seed the seed of every draw; repeat r of a point uses seed + r
 */
public record TheorySettings(boolean quick, long seed) {}
