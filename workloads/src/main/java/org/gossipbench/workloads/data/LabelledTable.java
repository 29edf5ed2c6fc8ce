package org.gossipbench.workloads.data;

import java.util.List;

/**
 * A numeric table with an integer class label per row, as read from CSV: {@code features} is
 * row-major, {@code rows × featureCount}, unscaled.
 *
 * @param classNames the class names the file declares, or empty when it declares none
 */
public record LabelledTable(
    int rows, int featureCount, double[] features, int[] labels, List<String> classNames) {}
