package org.gossipbench.workloads.theory;

import org.gossipbench.collectives.topology.Topology;
import org.gossipbench.collectives.topology.TopologyAnalysis;
import org.gossipbench.results.TheoryPoint;
import org.gossipbench.workloads.synthetic.HeterogeneousQuadratic;

/**
 * One steady-state point: an algorithm at a constant step on the quadratic, run K iterations from
 * x*, its error averaged over the last {@code tail} of them and over repeats (seeds seed, seed + 1,
 * …), with QuadraticTheory's exact value beside it for DSGD on a static topology and for PSGD.
 *
 * @param check the check reporting the point
 * @param algorithm the registered algorithm
 * @param topology a topology spec, or null for PSGD
 * @param n nodes
 * @param dimension d
 * @param b the heterogeneity's square root
 * @param sigma σ
 * @param step γ
 * @param iterations K
 * @param tail iterations averaged, at most K; the K − tail before them let the run settle
 */
record SteadyStateSetup(
    String check,
    String algorithm,
    String topology,
    int n,
    int dimension,
    double b,
    double sigma,
    double step,
    int iterations,
    int tail) {

  TheoryPoint measure(long seed, int repeats) {
    long start = System.nanoTime();
    double measured = 0;
    double exact = 0;
    boolean hasExact = true;
    double b2 = 0;
    Topology t = null;
    for (int r = 0; r < repeats; r++) {
      HeterogeneousQuadratic problem = new HeterogeneousQuadratic(n, dimension, b, sigma, seed + r);
      QuadraticRun run =
          new QuadraticRun(algorithm, topology, problem, step, StepSchedule.CONSTANT, iterations);
      measured += QuadraticRun.tailMean(run.errors(), tail) / repeats;
      b2 += problem.heterogeneity() / repeats;
      t = run.createTopology();
      if (algorithm.equals("psgd")) {
        exact += QuadraticTheory.psgd(n, dimension, step, sigma) / repeats;
      } else if (algorithm.equals("dsgd") && !t.isTimeVarying()) {
        exact +=
            QuadraticTheory.dsgd(t.weights(0), step, problem.centers(), sigma).total() / repeats;
      } else {
        hasExact = false;
      }
    }
    return new TheoryPoint(
        check,
        algorithm,
        t == null ? null : t.name(),
        n,
        dimension,
        b2,
        t == null ? null : TopologyAnalysis.analyze(t).rho(),
        step,
        StepSchedule.CONSTANT.label(),
        sigma,
        seed,
        repeats,
        iterations,
        tail,
        measured,
        hasExact ? exact : null,
        null,
        null,
        null,
        System.nanoTime() - start);
  }
}
