package org.gossipbench.workloads.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.gossipbench.collectives.transport.nccl.NcclProbe;
import org.gossipbench.workloads.train.TrainConfig;
import org.gossipbench.workloads.train.TrainingDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CudaTrainingDeviceTest {

  private static TrainConfig cuda() {
    return new TrainConfig().device("cuda").transport("nccl").nodes(1).workload("mnist-mlp");
  }

  @Test
  void shouldBeFoundThroughServiceLoader() {
    TrainingDevice d = TrainingDevice.find("cuda");
    assertTrue(d instanceof CudaTrainingDevice, String.valueOf(d));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "transport=local|add --transport nccl (got --transport local)",
        "workload=spambase-logreg|runs the MLP workloads only (fashion-mnist-mlp, mnist-mlp)",
        "algorithm=gradient-tracking|runs --algorithm psgd or dsgd, not gradient-tracking",
        "allreduce=ring|--allreduce nccl or nccl-ring, not ring",
        "neighbor=neighbor|--neighbor-average nccl, not neighbor",
      })
  void shouldRefuseWhatItCannotRunInOneLine(String change, String expected) {
    TrainConfig c = cuda();
    String value = change.substring(change.indexOf('=') + 1);
    switch (change.substring(0, change.indexOf('='))) {
      case "transport" -> c.transport(value);
      case "workload" -> c.workload(value);
      case "algorithm" -> c.algorithm(value).topology("ring");
      case "allreduce" -> c.algorithm("psgd").allreduce(value);
      case "neighbor" -> c.neighborAverage(value);
      default -> throw new IllegalStateException(change);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::conclude);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void shouldChooseTheDeviceCollectivesByDefault() {
    assumeFalse(NcclProbe.probe().available(), "with a GPU conclude() succeeds: checked below");
    TrainConfig c = cuda().algorithm("psgd").allreduce(null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::conclude);
    assertEquals("nccl", c.allreduce());
    assertTrue(e.getMessage().startsWith("--device cuda: "), e.getMessage());
  }

  @Test
  void shouldNameWhatIsMissingInOneLineWithoutAGpu() {
    NcclProbe.Result probe = NcclProbe.probe();
    assumeFalse(probe.available(), "this machine has " + probe.describe());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, cuda()::conclude);
    assertEquals("--device cuda: " + probe.reason(), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }
}
