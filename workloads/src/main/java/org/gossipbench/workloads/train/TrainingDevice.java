package org.gossipbench.workloads.train;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.gossipbench.collectives.comm.Communicator;
import org.gossipbench.workloads.algorithm.Algorithm;
import org.gossipbench.workloads.algorithm.AlgorithmContext;
import org.gossipbench.workloads.model.Model;
import org.gossipbench.workloads.workload.TrainingData;

/**
 * Where a run's models compute when it is not the host ({@code train --device cuda}): a model whose
 * parameters and gradients live in accelerator memory and the algorithms that update them there.
 * Found by name through {@link ServiceLoader}, so the default build (without the GPU module)
 * compiles and runs without it and says in one line that it has none; the {@link Trainer} stays the
 * one driver of the loop, evaluation and logging, and only asks the device for each rank's model
 * and algorithm.
 *
 * <p>The device's model must evaluate on the host ({@link Model#evaluate} with a host {@code x},
 * the average x̄ the trainer forms), and its {@link Model#gradient} receives the buffers the
 * device's own algorithm passes it, not host buffers.
 */
public interface TrainingDevice {

  /** The {@code --device} name, e.g. {@code cuda}. */
  String name();

  /** One line for provenance: the library stack, e.g. "cuBLAS + NCCL on device, ...". */
  String runtime();

  /** The allreduce algorithm of this device's runs when {@code --allreduce} is not given. */
  String allreduce();

  /** The neighbor-average algorithm of its gossip when {@code --neighbor-average} is not given. */
  String neighborAverage();

  /**
   * Rejects, on one line, a configuration this device cannot run (workload, algorithm, transport,
   * momentum, ...), and a machine without the device or its libraries.
   *
   * @throws IllegalArgumentException naming what does not fit or what is missing
   */
  void check(TrainConfig config);

  /** This rank's model, initialized from {@code seed} (the same x⁽⁰⁾ on every rank). */
  Model model(Communicator comm, TrainConfig config, TrainingData data);

  /** This rank's algorithm on {@code ctx.model()} (a model this device built). */
  Algorithm algorithm(TrainConfig config, AlgorithmContext ctx);

  /** The name of the host, which every build has. */
  String CPU = "cpu";

  /** Every device on the class path. */
  static List<TrainingDevice> available() {
    List<TrainingDevice> out = new ArrayList<>();
    ServiceLoader.load(TrainingDevice.class).forEach(out::add);
    return out;
  }

  /**
   * The device called {@code name}, or null for {@link #CPU}.
   *
   * @throws IllegalArgumentException on one line when this build has no such device
   */
  static TrainingDevice find(String name) {
    if (CPU.equals(name)) {
      return null;
    }
    List<TrainingDevice> all = available();
    for (TrainingDevice d : all) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    if ("cuda".equals(name)) {
      throw new IllegalArgumentException(
          "--device cuda: this build has no GPU support (build with -Pgpu: mvn -B -Pgpu package"
              + " -pl cli -am)");
    }
    List<String> names = new ArrayList<>(List.of(CPU));
    all.forEach(d -> names.add(d.name()));
    throw new IllegalArgumentException(
        "unknown --device '" + name + "'; this build has: " + String.join(", ", names));
  }
}
