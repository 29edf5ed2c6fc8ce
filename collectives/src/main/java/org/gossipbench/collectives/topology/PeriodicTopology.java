package org.gossipbench.collectives.topology;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A time-varying topology that cycles through a fixed sequence W^(0), …, W^(p−1): iteration k uses
 * W^(k mod p). The matrices are built once, so looking one up allocates nothing.
 */
public class PeriodicTopology implements Topology {
  private final String name;
  private final WeightMatrix[] sequence;
  private final String caveat;

  public PeriodicTopology(String name, List<WeightMatrix> sequence, String caveat) {
    if (sequence.isEmpty()) {
      throw new IllegalArgumentException(name + ": empty weight sequence");
    }
    this.name = name;
    this.sequence = sequence.toArray(new WeightMatrix[0]);
    this.caveat = caveat;
    for (WeightMatrix w : this.sequence) {
      if (w.size() != this.sequence[0].size()) {
        throw new IllegalArgumentException(name + ": matrices of different sizes in one sequence");
      }
    }
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int size() {
    return sequence[0].size();
  }

  @Override
  public final WeightMatrix weights(long iteration) {
    if (iteration < 0) {
      throw new IllegalArgumentException("iteration must be non-negative, got " + iteration);
    }
    return sequence[(int) (iteration % sequence.length)];
  }

  @Override
  public final boolean isTimeVarying() {
    return true;
  }

  @Override
  public final OptionalInt period() {
    return OptionalInt.of(sequence.length);
  }

  @Override
  public Optional<String> caveat() {
    return Optional.ofNullable(caveat);
  }

  @Override
  public String toString() {
    return name + " (n=" + size() + ", period " + sequence.length + ")";
  }
}
