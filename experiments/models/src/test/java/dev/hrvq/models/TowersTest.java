package dev.hrvq.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Model;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.quantize.EmaOptions;
import dev.hrvq.quantize.HierarchicalQuantizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.types.TFloat32;

/**
 * A step split across towers equals the step in one piece: the same losses, terms (codebook usage
 * and perplexity included) and variables (EMA statistics included), with an uneven split too.
 *
 * <p>Tolerance: 2e-5 absolute on every variable and term after 6 steps of Adam. Towers add their
 * row-weighted means where one piece takes one mean, so sums run in another order (float32 rounding,
 * ~1e-7 relative per step); the same codes must be picked, or values would differ by far more.
 */
class TowersTest {
  private static final Architecture SMALL = new Architecture(16, 1, 16, 8, 4, 2);
  private static final int STEPS = 6;
  private static final float TOLERANCE = 2e-5f;

  private static HrVqVae hrEma() {
    return new HrVqVae(SMALL, HierarchicalQuantizer.builder().setCodewords(3).setLayers(2).optEma(new EmaOptions(0.9f, 1e-5f)).build(),
        0.25f, new float[] {0.25f, 0.5f});
  }

  private static HrVqVae hr() {
    return new HrVqVae(SMALL, HierarchicalQuantizer.builder().setCodewords(3).setLayers(3).build(), 0.25f, new float[] {0.25f, 0.5f, 1f});
  }

  @Test
  void hrVqVaeWithEmaOnTwoDevicesEqualsOnePiece() {
    assertSameTraining(hrEma(), List.of("/device:CPU:0", "/device:CPU:1"), 8);
  }

  @Test
  void anUnevenSplitOverThreeTowersEqualsOnePiece() {
    // 7 rows over 3 towers: 2, 2 and 3 rows, weighted by their shares.
    assertSameTraining(hr(), List.of("/device:CPU:0", "/device:CPU:1", "/device:CPU:2"), 7);
  }

  @Test
  void vqVae2OnTwoTowersEqualsOnePiece() {
    assertSameTraining(new VqVae2(SMALL, 2, 8, 0.25f), List.of("/device:CPU:0", "/device:CPU:1"), 8);
  }

  @Test
  void everyTowerOpIsPlacedOnItsDeviceGradientsIncluded() {
    List<String> devices = List.of("/device:CPU:0", "/device:CPU:1");
    try (Trainer t = trainer(hrEma().model(), devices)) {
      int gradients = 0;
      for (var it = t.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        String expected = op.name().startsWith("tower_1/") ? "/device:CPU:1" : "/device:CPU:0";
        assertThat(op.device()).as("device of %s", op.name()).isEqualTo(expected);
        gradients += op.name().startsWith("tower_1/Gradients") ? 1 : 0;
      }
      assertThat(gradients).as("gradient ops of tower 1").isPositive();
    }
  }

  @Test
  void aBatchSmallerThanTheTowersIsACleanError() {
    try (Trainer t = trainer(hr().model(), List.of("/device:CPU:0", "/device:CPU:1", "/device:CPU:2"));
        TFloat32 x = Tensors.of(SyntheticImages.rectangles(2, 16, 0), 2, 16, 16, 1)) {
      assertThatThrownBy(() -> t.step(Map.of("x", x))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2 rows for 3 towers").hasMessageContaining("batch of at least 3");
    }
  }

  private static Trainer trainer(Model model, List<String> towers) {
    var b = Trainer.builder().setModel(model).setOptimizer(Optimizers.adam(2e-3f)).optSeed(3);
    return (towers.isEmpty() ? b : b.optTowers(towers)).build();
  }

  private static void assertSameTraining(VqAutoencoder model, List<String> towers, int batch) {
    try (Trainer one = trainer(model.model(), List.of()); Trainer split = trainer(model.model(), towers)) {
      assertThat(split.towers()).isEqualTo(towers.size());
      for (int s = 0; s < STEPS; s++) {
        try (TFloat32 x = Tensors.of(SyntheticImages.rectangles(batch, 16, s), batch, 16, 16, 1)) {
          Map<String, Float> a = one.step(Map.of("x", x));
          Map<String, Float> b = split.step(Map.of("x", x));
          assertThat(b.keySet()).as("terms").containsExactlyElementsOf(a.keySet());
          int step = s;
          a.forEach((k, v) -> assertThat(b.get(k)).as("%s at step %d", k, step).isCloseTo(v, org.assertj.core.data.Offset.offset(TOLERANCE)));
        }
      }
      Map<String, float[]> va = one.weightValues();
      Map<String, float[]> vb = split.weightValues();
      assertThat(vb.keySet()).isEqualTo(va.keySet());
      va.forEach((name, values) -> {
        float[] other = vb.get(name);
        float worst = 0;
        for (int i = 0; i < values.length; i++) {
          worst = Math.max(worst, Math.abs(values[i] - other[i]));
        }
        assertThat(worst).as("largest difference in %s", name).isLessThanOrEqualTo(TOLERANCE);
      });
    }
  }
}
