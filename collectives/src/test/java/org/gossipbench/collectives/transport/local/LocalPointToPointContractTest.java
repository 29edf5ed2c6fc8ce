package org.gossipbench.collectives.transport.local;

import org.gossipbench.collectives.comm.PointToPointContract.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The point-to-point contract with every rank a thread ({@link LocalTransport}). */
class LocalPointToPointContractTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(Scenario.class)
  void theLocalTransportKeepsThePointToPointContract(Scenario scenario) {
    LocalTransport.create(scenario.ranks(), scenario.timeout()).run(scenario::run);
  }
}
