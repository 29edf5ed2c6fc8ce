package org.gossipbench.results;

import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;

/**
 * A process that writes training steps until it is killed (bounded: it gives up after 60 s or 20
 * million rows), for the crash test. Prints the temporary path once the first batch is on disk.
 */
public final class CrashingWriter {
  private CrashingWriter() {}

  public static void main(String[] args) throws Exception {
    Path target = Path.of(args[0]);
    long deadline = System.nanoTime() + 60_000_000_000L;
    try (RootAllocator allocator = new RootAllocator();
        ResultWriter<TrainingStep> w =
            ResultWriter.create(
                target,
                TrainingStepSchema.INSTANCE,
                Rows.provenance(TrainingStepSchema.INSTANCE),
                allocator,
                1000)) {
      for (long i = 0; i < 20_000_000L && System.nanoTime() < deadline; i++) {
        w.append(Rows.step(i));
        if (i == 5_000) {
          System.out.println("STARTED " + w.temporaryPath());
          System.out.flush();
        }
        if (i % 1000 == 0) {
          Thread.sleep(1);
        }
      }
      System.exit(3); // never commits: the parent kills it long before
    }
  }
}
