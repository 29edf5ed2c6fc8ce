package org.gossipbench.results;

/**
 * One measured point of {@code gossipbench theory} (SPEC &sect;4): an algorithm run on the
 * heterogeneous quadratic f_i(x) = ½‖x − c_i‖² with the error it reached and, where the linear
 * recursion gives it, the exact value.
 *
 * @param check the check's name, e.g. {@code dsgd-b2}
 * @param algorithm the registered algorithm, e.g. {@code dsgd}
 * @param topology the resolved topology spec; null for PSGD
 * @param n nodes
 * @param dimension d, the length of x
 * @param b2 the heterogeneity (1/n) Σ_i ‖∇f_i(x*)‖², as drawn
 * @param rho ρ of the topology (largest over one period, as {@code topology table} prints it); null
 *     without a topology
 * @param step γ (constant schedule) or γ_0 (harmonic: γ_k = γ_0 / (1 + γ_0 k))
 * @param schedule {@code constant} or {@code harmonic}
 * @param sigma σ, the standard deviation of each gradient entry's noise
 * @param seed the first repeat's seed; repeat r uses seed + r
 * @param repeats runs averaged into this point
 * @param iterations K, iterations of each run
 * @param tail iterations at the end of a run whose errors are averaged into {@code measuredError};
 *     null for the transient check, which reads whole curves
 * @param measuredError steady-state error, the mean over the tail of (1/n) Σ_i ‖x_i − x*‖² (for the
 *     transient check: that error after the last iteration), averaged over repeats
 * @param exactError the same from {@code QuadraticTheory}'s linear recursion (an expectation); for
 *     the transient check's PSGD rows the expected error after K iterations, dσ²/(nK); null where
 *     it has no closed form here (gradient tracking, exact diffusion, DSGD's transient rows)
 * @param transientIterations the first iteration after which DSGD's error stays within {@code
 *     factor} times PSGD's up to K; null outside the transient check and when it is still above at
 *     K
 * @param predictedTransientIterations nS/(F − 1) from the recursion's quasi-static limit; null
 *     outside the transient check or for topologies without a period
 * @param factor F of the transient check; null elsewhere
 * @param wallNanos wall time of the point's runs on this machine (a timing column)
 */
public record TheoryPoint(
    String check,
    String algorithm,
    String topology,
    int n,
    int dimension,
    double b2,
    Double rho,
    double step,
    String schedule,
    double sigma,
    long seed,
    int repeats,
    long iterations,
    Integer tail,
    double measuredError,
    Double exactError,
    Long transientIterations,
    Double predictedTransientIterations,
    Double factor,
    long wallNanos) {}
