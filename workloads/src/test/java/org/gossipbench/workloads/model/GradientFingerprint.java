package org.gossipbench.workloads.model;

import java.util.Arrays;
import org.gossipbench.collectives.buffer.Buf;
import org.gossipbench.collectives.buffer.DType;
import org.gossipbench.collectives.buffer.FloatBuf;

/** Prints a fingerprint of one gradient, so a test can compare a fresh process with its own. */
final class GradientFingerprint {
  private GradientFingerprint() {}

  static String of(String name) {
    Dl4jRuntime.configure(1);
    Model m = ModelRegistry.builder(name).build(Dl4jModelTest.SHAPE, 10, 31);
    Buf g = Buf.allocate(DType.FLOAT32, m.parameterCount());
    double loss = m.gradient(Dl4jModelTest.batch(Dl4jModelTest.randomImages(16, 32), 0, 16), g);
    return name
        + " loss="
        + Double.doubleToLongBits(loss)
        + " gradient="
        + Arrays.hashCode(((FloatBuf) g).array());
  }

  public static void main(String[] args) {
    System.out.println(of(args[0]));
  }
}
