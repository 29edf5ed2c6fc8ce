package org.gossipbench.workloads.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

  @Test
  void shouldListEveryModelWithADescription() {
    assertEquals(
        List.of(
            "mlp",
            "lenet",
            "resnet",
            "resnet50",
            "bert-base",
            "bert-large",
            "logistic-regression",
            "least-squares"),
        List.copyOf(ModelRegistry.descriptions().keySet()));
    ModelRegistry.descriptions().values().forEach(d -> assertTrue(!d.isBlank()));
  }

  @Test
  void shouldNameTheKnownModelsWhenTheNameIsUnknown() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ModelRegistry.builder("vgg"));
    assertEquals(
        "unknown model 'vgg'; known: mlp, lenet, resnet, resnet50, bert-base, bert-large,"
            + " logistic-regression, least-squares",
        e.getMessage());
  }

  @Test
  void shouldParseRegularizationForConvexModels() {
    LeastSquaresModel m =
        (LeastSquaresModel)
            ModelRegistry.builder("least-squares:mu=0.25").build(new int[] {3}, 0, 1);
    assertEquals(0.25, m.mu());
    assertEquals(
        LogisticRegressionBuilder.DEFAULT_MU,
        ((LogisticRegressionModel)
                ModelRegistry.builder("logistic-regression").build(new int[] {3}, 2, 1))
            .mu());
  }

  @Test
  void shouldRejectOptionsTheModelDoesNotTake() {
    assertThrows(IllegalArgumentException.class, () -> ModelRegistry.builder("mlp:mu=1"));
    assertThrows(IllegalArgumentException.class, () -> ModelRegistry.builder("least-squares:mu=x"));
    assertThrows(
        IllegalArgumentException.class, () -> ModelRegistry.builder("least-squares:mu=-1"));
  }

  @Test
  void shouldRejectShapesAndClassCountsAConvolutionalClassifierCannotTake() {
    IllegalArgumentException shape =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelRegistry.builder("lenet").build(new int[] {57}, 2, 1));
    assertEquals(
        "lenet needs image samples {channels, height, width}, got shape [57]", shape.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelRegistry.builder("mlp").build(new int[] {1, 28, 28}, 0, 1));
  }
}
