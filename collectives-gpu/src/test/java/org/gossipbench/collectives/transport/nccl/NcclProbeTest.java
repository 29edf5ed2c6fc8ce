package org.gossipbench.collectives.transport.nccl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Map;
import org.gossipbench.collectives.collective.CollectiveRegistry;
import org.gossipbench.collectives.comm.CommunicatorProvider;
import org.gossipbench.collectives.comm.TransportConfig;
import org.junit.jupiter.api.Test;

class NcclProbeTest {

  @Test
  void shouldBeFoundThroughServiceLoaderWithItsAlgorithms() {
    assertTrue(CommunicatorProvider.find("nccl").isPresent());
    assertEquals("nccl", CollectiveRegistry.get("allreduce", "nccl").transport().orElseThrow());
    assertEquals(
        "nccl", CollectiveRegistry.get("allreduce", "nccl-ring").transport().orElseThrow());
    assertEquals(
        "nccl", CollectiveRegistry.get("neighbor-average", "nccl").transport().orElseThrow());
  }

  @Test
  void shouldProbeOnceAndCacheTheAnswer() {
    assertSame(NcclProbe.probe(), NcclProbe.probe());
  }

  @Test
  void shouldRefuseTheTransportWithTheProbesOneLineWhereNoGpuIs() {
    NcclProbe.Result probe = NcclProbe.probe();
    assumeFalse(probe.available(), "this machine can run NCCL: " + probe.describe());
    assertNotNull(probe.reason());
    assertFalse(probe.reason().contains("\n"), probe.reason());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TransportConfig().transport("nccl").environment(Map.of()).join());
    assertEquals("--transport nccl: " + probe.reason(), e.getMessage());
  }

  @Test
  void shouldNameTheMissingLibraryInOneLine() {
    assertEquals(
        "no CUDA driver: libcuda.so.1 not found (a GPU machine has it from the NVIDIA driver)",
        NcclProbe.reasonFor(
            "java.lang.UnsatisfiedLinkError: libcuda.so.1: cannot open shared object file", "x"));
    assertTrue(
        NcclProbe.reasonFor("UnsatisfiedLinkError: libnccl.so.2: cannot open", "NCCL")
            .startsWith("NCCL library libnccl.so.2 not found (install libnccl2 or point"));
    assertTrue(
        NcclProbe.reasonFor("no jnicudart: libcudart.so.13: cannot open", "x")
            .startsWith("CUDA runtime libcudart.so.13 not found"));
    assertTrue(
        NcclProbe.reasonFor("libcublas.so.13: cannot open", "x")
            .startsWith("cuBLAS library libcublas.so.13 not found"));
    assertEquals(
        "cannot load NCCL: something else", NcclProbe.reasonFor("something else\nmore", "NCCL"));
  }
}
