package org.gossipbench.collectives.topology;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Exact mixing properties of a topology at one n, as computed by {@link TopologyAnalysis}.
 *
 * @param maxInDegree largest number of nodes any node receives from in one iteration (self
 *     excluded), over the window
 * @param period iterations after which the weights repeat (1 for static; empty when a fresh random
 *     graph is drawn every iteration)
 * @param window iterations examined: the period, or ⌈log₂ n⌉ for aperiodic topologies
 * @param rho consensus rate ρ = ||W − 11ᵀ/n||₂ (spectral norm), the largest over the window for a
 *     time-varying topology; smaller is better
 * @param spectralGap 1 − |λ₂|, |λ₂| the second-largest eigenvalue modulus of the matrix over one
 *     window (W itself for a static topology, the product W^(w−1)…W^(0) for a time-varying one);
 *     for symmetric W this is 1 − max(|λ₂|, |λₙ|) = 1 − ρ. Not the same quantity as ρ.
 * @param rhoOfProduct ρ of the product over one window (equal to {@code rho} for static topologies)
 * @param roundsToExactAverage the first r ≤ 2·window with ||W^(r−1)…W^(0) − 11ᵀ/n||_F ≤ 1e-10, or
 *     empty when none is
 * @param caveat what the user must know at this n (e.g. a guarantee that does not hold)
 */
public record TopologyProperties(
    String topology,
    int n,
    int maxInDegree,
    boolean timeVarying,
    OptionalInt period,
    int window,
    double rho,
    double spectralGap,
    double rhoOfProduct,
    OptionalInt roundsToExactAverage,
    Optional<String> caveat) {}
