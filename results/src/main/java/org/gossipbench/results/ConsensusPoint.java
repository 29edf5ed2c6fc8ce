package org.gossipbench.results;

/**
 * One node's value at one iteration of {@code gossipbench topology consensus} (SPEC &sect;7 T1):
 * partial averaging x &larr; W^(k) x from a given start.
 *
 * @param topology the canonical topology spec
 * @param n nodes
 * @param iteration k, the number of averaging steps applied
 * @param node the node, 0 … n−1
 * @param value x_node after k steps (push-sum's ratio x/w on a column-stochastic topology)
 * @param simulationNanos wall time of the whole simulation on this machine (a timing column)
 */
public record ConsensusPoint(
    String topology, int n, long iteration, int node, double value, long simulationNanos) {}
