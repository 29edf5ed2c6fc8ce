package org.gossipbench.workloads.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gossipbench.results.TheoryFit;
import org.gossipbench.results.TheoryPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TheoryChecksTest {
  static final TheorySettings QUICK = new TheorySettings(true, 1);
  static final Map<String, TheoryReport> REPORTS = new LinkedHashMap<>();

  @BeforeAll
  static void runTheQuickChecks() {
    for (TheoryCheck c : TheoryChecks.all()) {
      REPORTS.put(c.name(), c.run(QUICK));
    }
  }

  static TheoryFit fit(String check, String algorithm, String topology) {
    return REPORTS.get(check).fits().stream()
        .filter(f -> f.algorithm().equals(algorithm))
        .filter(f -> topology == null ? f.topology() == null : topology.equals(f.topology()))
        .findFirst()
        .orElseThrow();
  }

  static TheoryPoint withoutTiming(TheoryPoint p) {
    return new TheoryPoint(
        p.check(),
        p.algorithm(),
        p.topology(),
        p.n(),
        p.dimension(),
        p.b2(),
        p.rho(),
        p.step(),
        p.schedule(),
        p.sigma(),
        p.seed(),
        p.repeats(),
        p.iterations(),
        p.tail(),
        p.measuredError(),
        p.exactError(),
        p.transientIterations(),
        p.predictedTransientIterations(),
        p.factor(),
        0);
  }

  @Test
  void shouldRegisterEveryCheckOnceByName() {
    assertEquals(
        List.of("dsgd-b2", "gt-b2", "dsgd-rho", "psgd-n", "transient"), TheoryChecks.names());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TheoryChecks.get("nosuch"));
    assertTrue(e.getMessage().contains("unknown check 'nosuch'; known: dsgd-b2"), e.getMessage());
  }

  @Test
  void shouldGrowDsgdsErrorAboveTheFloorAsBSquared() {
    TheoryFit f = fit("dsgd-b2", "dsgd", "ring");
    assertEquals(1.0, f.fittedSlope(), 0.05, "slope " + f.fittedSlope());
    assertEquals(1.0, f.predictedSlope());
  }

  @Test
  void shouldKeepGradientTrackingsAndExactDiffusionsErrorIndependentOfBSquared() {
    for (String algorithm : BiasCorrectionCheck.ALGORITHMS) {
      TheoryFit f = fit("gt-b2", algorithm, "ring");
      assertEquals(0.0, f.fittedSlope(), 0.01, algorithm + " slope " + f.fittedSlope());
    }
    // at the largest b2 DSGD's error is clearly above its floor, where the others' is not
    List<TheoryPoint> dsgd = REPORTS.get("dsgd-b2").points();
    double dsgdRise = dsgd.get(dsgd.size() - 1).measuredError() / dsgd.get(0).measuredError();
    assertTrue(dsgdRise > 1.2, "DSGD's error rises by " + dsgdRise);
  }

  @Test
  void shouldFallAsOneOverNWithPsgd() {
    TheoryFit f = fit("psgd-n", "psgd", null);
    assertEquals(-1.0, f.fittedSlope(), 0.05, "slope " + f.fittedSlope());
  }

  @Test
  void shouldStayUnderTheBoundOverTopologies() {
    TheoryFit all = fit("dsgd-rho", "dsgd", null);
    assertTrue(all.fittedSlope() > 0.3 && all.fittedSlope() <= 1.0, "slope " + all.fittedSlope());
    assertEquals("<=", all.relation());
  }

  @Test
  void shouldMatchTheExactSteadyStateWithinAFewPercent() {
    int compared = 0;
    for (String check : List.of("dsgd-b2", "psgd-n")) {
      for (TheoryPoint p : REPORTS.get(check).points()) {
        assertNotNull(p.exactError(), check + " " + p);
        assertEquals(1.0, p.measuredError() / p.exactError(), 0.03, check + " " + p);
        compared++;
      }
    }
    // without noise the measured bias is the exact fixed point's
    for (TheoryPoint p : REPORTS.get("dsgd-rho").points()) {
      assertEquals(1.0, p.measuredError() / p.exactError(), 1e-3, p.toString());
      compared++;
    }
    assertTrue(compared >= 12);
  }

  @Test
  void shouldMeasureTheTransientTheRecursionPredicts() {
    Map<String, Long> atSixteen = new LinkedHashMap<>();
    for (TheoryPoint p : REPORTS.get("transient").points()) {
      if (p.algorithm().equals("dsgd") && p.n() == 16) {
        assertNotNull(p.transientIterations(), p.toString());
        double ratio = p.transientIterations() / p.predictedTransientIterations();
        assertTrue(ratio > 0.5 && ratio < 2, p.toString());
        atSixteen.put(p.topology(), p.transientIterations());
      }
    }
    assertTrue(atSixteen.get("ring") > 3 * atSixteen.get("exp"), atSixteen.toString());
    assertTrue(fit("transient", "dsgd", "ring").fittedSlope() > 1.5);
  }

  @Test
  void shouldGiveTheSameNumbersForTheSameSeed() {
    TheoryReport again = TheoryChecks.get("dsgd-b2").run(QUICK);
    TheoryReport first = REPORTS.get("dsgd-b2");
    assertEquals(
        first.points().stream().map(TheoryChecksTest::withoutTiming).toList(),
        again.points().stream().map(TheoryChecksTest::withoutTiming).toList());
    assertEquals(first.fits(), again.fits());
    TheoryReport otherSeed = TheoryChecks.get("dsgd-b2").run(new TheorySettings(true, 2));
    assertTrue(
        otherSeed.points().get(0).measuredError() != first.points().get(0).measuredError(),
        "another seed draws other noise");
  }

  @Test
  void shouldFindTheLastIterationAboveTheFactor() {
    double[] psgd = {1, 1, 1, 1, 1};
    assertEquals(0L, TransientCheck.transientIterations(new double[] {1, 1.2, 1, 1, 1}, psgd, 1.5));
    assertEquals(3L, TransientCheck.transientIterations(new double[] {2, 1, 3, 1.4, 1}, psgd, 1.5));
    assertEquals(null, TransientCheck.transientIterations(new double[] {1, 1, 1, 1, 2}, psgd, 1.5));
  }
}
