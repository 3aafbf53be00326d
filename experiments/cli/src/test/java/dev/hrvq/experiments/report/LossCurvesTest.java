package dev.hrvq.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurvesTest {

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  static double[][] scaled(double[][] points, double factor) {
    double[][] out = new double[points.length][];
    for (int i = 0; i < points.length; i++) {
      out[i] = new double[] {points[i][0], points[i][1] * factor};
    }
    return out;
  }

  /** The terms an HR-VQVAE of {@code layers} layers logs, in losses.jsonl order, plus test MSE. */
  static Map<String, double[][]> hrvqvae(int layers, double beta0, double betaLast) {
    Map<String, double[][]> t = new LinkedHashMap<>();
    double[][] last = ChartsTest.decay(40, 0.005, 0.0003);
    t.put("loss", ChartsTest.decay(40, 0.05, 0.003));
    t.put("recon", ChartsTest.decay(40, 0.02, 0.0008));
    // combined_* equals layer<n>_*: the last residual is the combined error.
    t.put("combined_codebook", last);
    t.put("combined_commitment", scaled(last, beta0));
    for (int i = 1; i <= layers; i++) {
      double[][] layer = i == layers ? last : ChartsTest.decay(40, 0.01 / i, 0.001 / i);
      t.put("layer" + i + "_codebook", layer);
      t.put("layer" + i + "_commitment", scaled(layer, i == layers ? betaLast : 0.25));
    }
    t.put("test_mse", new double[][] {{400, 0.0012}, {800, 0.00077}});
    return t;
  }

  private static List<String> labels(StackedCurves.Panel panel) {
    return panel.lines().stream().map(StackedCurves.Line::label).toList();
  }

  private static void assertDistinctColours(List<StackedCurves.Panel> panels) {
    for (StackedCurves.Panel panel : panels) {
      List<Color> colours = panel.lines().stream().map(l -> Palette.colour(l.style())).toList();
      assertThat(colours).as(panel.yLabel()).doesNotHaveDuplicates();
    }
  }

  @Test
  void theRuleSortsTermsByName() {
    assertThat(LossCurves.panelOf("recon")).isEqualTo(0);
    assertThat(LossCurves.panelOf("loss")).isEqualTo(0);
    assertThat(LossCurves.panelOf("test_mse")).isEqualTo(0);
    assertThat(LossCurves.panelOf("something_new")).isEqualTo(0);
    assertThat(LossCurves.panelOf("codebook")).isEqualTo(1);
    assertThat(LossCurves.panelOf("layer2_codebook")).isEqualTo(1);
    assertThat(LossCurves.panelOf("codebook_level1")).isEqualTo(1);
    assertThat(LossCurves.panelOf("commitment")).isEqualTo(2);
    assertThat(LossCurves.panelOf("combined_commitment")).isEqualTo(2);
    assertThat(LossCurves.panelOf("commitment_level0")).isEqualTo(2);
  }

  @Test
  void hrvqvaePanelsDrawTheCombinedTermsOnceUnderTheLastLayer() {
    List<StackedCurves.Panel> panels = LossCurves.panels(hrvqvae(3, 0.25, 0.25));
    assertThat(panels).extracting(StackedCurves.Panel::yLabel)
        .containsExactly("reconstruction", "codebook", "commitment");
    assertThat(labels(panels.get(0))).containsExactly("loss", "recon", "test_mse");
    assertThat(labels(panels.get(1))).containsExactly("layer1_codebook", "layer2_codebook",
        "layer3_codebook (= combined)");
    assertThat(labels(panels.get(2))).containsExactly("layer1_commitment", "layer2_commitment",
        "layer3_commitment (= combined)");
    assertThat(panels).allMatch(StackedCurves.Panel::logY);
    assertDistinctColours(panels);
  }

  @Test
  void differentBetasKeepBothCommitmentLines() {
    List<StackedCurves.Panel> panels = LossCurves.panels(hrvqvae(2, 0.1, 0.25));
    assertThat(labels(panels.get(1))).containsExactly("layer1_codebook",
        "layer2_codebook (= combined)");
    assertThat(labels(panels.get(2))).containsExactly("combined_commitment",
        "layer1_commitment", "layer2_commitment");
    assertDistinctColours(panels);
  }

  @Test
  void manyLayersStillGetDistinctColoursPerPanel() {
    List<StackedCurves.Panel> panels = LossCurves.panels(hrvqvae(10, 0.25, 0.25));
    assertThat(panels.get(1).lines()).hasSize(10);
    assertDistinctColours(panels);
  }

  @Test
  void anEmptyPanelIsLeftOut() {
    Map<String, double[][]> t = new LinkedHashMap<>();
    t.put("recon", ChartsTest.decay(10, 0.02, 0.001));
    t.put("commitment", ChartsTest.decay(10, 0.005, 0.0001));
    List<StackedCurves.Panel> panels = LossCurves.panels(t);
    assertThat(panels).extracting(StackedCurves.Panel::yLabel)
        .containsExactly("reconstruction", "commitment");
  }

  @Test
  void vqvae2LevelsLandInTheirPanels() {
    Map<String, double[][]> t = new LinkedHashMap<>();
    for (String name : List.of("loss", "recon", "codebook_level0", "commitment_level0",
        "codebook_level1", "commitment_level1")) {
      t.put(name, ChartsTest.decay(10, 0.01 * (1 + t.size()), 0.001));
    }
    List<StackedCurves.Panel> panels = LossCurves.panels(t);
    assertThat(labels(panels.get(0))).containsExactly("loss", "recon");
    assertThat(labels(panels.get(1))).containsExactly("codebook_level0", "codebook_level1");
    assertThat(labels(panels.get(2))).containsExactly("commitment_level0", "commitment_level1");
  }

  @Test
  void sameNeedsEqualStepsAndValuesToFloatPrecision() {
    double[][] a = {{20, 0.0016517255}, {40, Double.NaN}};
    assertThat(LossCurves.same(a, new double[][] {{20, 0.0016517254}, {40, Double.NaN}})).isTrue();
    assertThat(LossCurves.same(a, new double[][] {{20, 0.00165}, {40, Double.NaN}})).isFalse();
    assertThat(LossCurves.same(a, new double[][] {{21, 0.0016517255}, {40, Double.NaN}}))
        .isFalse();
    assertThat(LossCurves.same(a, new double[][] {{20, 0.0016517255}})).isFalse();
  }

  @Test
  void writesAStackedPngOfTheRightSize() throws IOException {
    Path png = LossCurves.write(dir.resolve("loss_curves.png"), "quickstart",
        hrvqvae(3, 0.25, 0.25));
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(LossCurves.height(3, 220));
    assertThat(ChartsImages.colours(img)).isGreaterThan(10);
  }

  @Test
  void badInputsAreClearErrors() {
    assertThatThrownBy(() -> LossCurves.panels(Map.of()))
        .hasMessageContaining("no series");
    assertThatThrownBy(() -> LossCurves.panels(Map.of("recon", new double[0][])))
        .hasMessageContaining("series 'recon' has no points");
    assertThatThrownBy(() -> LossCurves.panels(Map.of("recon", new double[][] {{1}})))
        .hasMessageContaining("not a {step, value} pair");
  }
}
