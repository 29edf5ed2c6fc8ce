package org.gossipbench.results;

/**
 * One row of {@code gossipbench topology table} (SPEC &sect;7 T2): the exact mixing properties of
 * one topology at one n.
 *
 * @param topology the canonical topology spec, e.g. {@code torus:rows=4:cols=4}
 * @param n nodes
 * @param mixing {@code doubly} or {@code column} stochastic
 * @param maxDegree largest in-degree, self excluded, over one period
 * @param rho ‖W − 11ᵀ/n‖₂, the largest over one period
 * @param spectralGap 1 − |λ₂| of the matrix over one period
 * @param timeVarying whether W depends on the iteration
 * @param period iterations after which W repeats; null for a fresh random graph each iteration
 * @param roundsExact rounds to the exact average; null when not within two periods
 * @param rhoPeriod ρ of the product over one period
 * @param note what does not hold at this n; null for nothing
 * @param analysisNanos wall time of the analysis on this machine (a timing column)
 */
public record TopologyRow(
    String topology,
    int n,
    String mixing,
    int maxDegree,
    double rho,
    double spectralGap,
    boolean timeVarying,
    Integer period,
    Integer roundsExact,
    double rhoPeriod,
    String note,
    long analysisNanos) {}
