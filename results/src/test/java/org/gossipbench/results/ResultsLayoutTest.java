package org.gossipbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsLayoutTest {
  @TempDir Path dir;

  private Path touch(String relative) throws IOException {
    Path f = dir.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "x");
    return f;
  }

  @Test
  void shouldListOnlyRunsAndReferenceUnderAResultsRootThatIsAlsoAModule() throws IOException {
    Path run = touch("runs/0123456789ab/r1.arrow");
    Path reference = touch("reference/small.arrow");
    touch("src/test/resources/fixtures/v1/collective.arrow");
    touch("target/test-classes/fixtures/v1/collective.arrow");
    touch("runs/0123456789ab/.r2.arrow.tmp-1-1.arrow");
    assertEquals(List.of(reference, run), ResultsLayout.find(dir));
  }

  @Test
  void shouldFindNothingInARootWhereNothingHasRunYet() throws IOException {
    touch("src/test/resources/fixtures/v1/collective.arrow");
    assertEquals(List.of(), ResultsLayout.findRuns(dir));
  }

  @Test
  void shouldWalkAnyOtherFolderButSkipMavenTargetFolders() throws IOException {
    Path a = touch("a/b.arrow");
    Path c = touch("c.arrow");
    touch("a/target/classes/b.arrow");
    touch("target/d.arrow");
    touch(".hidden.arrow");
    assertEquals(List.of(a, c), ResultsLayout.find(dir));
    Path target = dir.resolve("target");
    assertEquals(List.of(target.resolve("d.arrow")), ResultsLayout.find(target));
  }

  @Test
  void shouldNotListThisModulesFixturesOrBuildOutputAsRuns() {
    // The results module directory is the checkout's results root (it holds reference/).
    for (Path f : ResultsLayout.find(Path.of(""))) {
      assertTrue(f.startsWith("runs") || f.startsWith("reference"), f.toString());
    }
  }
}
