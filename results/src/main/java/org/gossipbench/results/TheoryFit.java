package org.gossipbench.results;

/**
 * A log-log slope fitted by {@code gossipbench theory} over a check's points, next to the slope
 * SPEC &sect;4 predicts.
 *
 * @param check the check's name
 * @param quantity what was fitted, e.g. {@code log(error - error at b2=0) vs log(b2)}
 * @param algorithm the algorithm whose points were fitted
 * @param topology the topology of those points; null when they span several (or none)
 * @param fittedSlope the least-squares slope
 * @param predictedSlope the slope the theory gives
 * @param relation {@code =} when the prediction is the slope, {@code <=} when it is a bound
 * @param r2 the fit's coefficient of determination
 * @param intercept the fit's intercept (natural logarithms)
 * @param points points fitted
 * @param checkWallNanos wall time of the whole check the fit belongs to, on this machine (a timing
 *     column)
 */
public record TheoryFit(
    String check,
    String quantity,
    String algorithm,
    String topology,
    double fittedSlope,
    double predictedSlope,
    String relation,
    double r2,
    double intercept,
    int points,
    long checkWallNanos) {}
