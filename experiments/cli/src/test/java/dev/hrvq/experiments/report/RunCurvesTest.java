package dev.hrvq.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCurvesTest {

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  static double[][] usage(int steps, double size, double rate) {
    double[][] points = new double[steps][];
    for (int i = 0; i < steps; i++) {
      points[i] = new double[] {(i + 1) * 500, size * (1 - Math.exp(-rate * (i + 1)))};
    }
    return points;
  }

  @Test
  void overlaidRunsArePngsWithEachRunsColour() throws IOException {
    Map<String, double[][]> runs = new LinkedHashMap<>();
    runs.put("hrvqvae-m4", ChartsTest.decay(10, 0.01, 0.0008));
    runs.put("vqvae-64", ChartsTest.decay(10, 0.012, 0.0011));
    runs.put("diverged", new double[][] {{0, 0.01}, {100, Double.NaN}});
    BufferedImage img = ChartsImages.read(RunCurves.write(dir.resolve("mse.png"),
        "test MSE by step", "test MSE", runs, true));
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(ChartsImages.colours(img)).isGreaterThan(10);
    for (int run = 0; run < 2; run++) {
      assertThat(ChartsImages.pixelsNear(img, Palette.colour(run).getRGB(), 8))
          .as("run %d's colour", run).isGreaterThan(50);
    }
  }

  @Test
  void perLayerStacksOnePanelPerLayerForRunsOfDifferentDepth() throws IOException {
    Map<String, List<double[][]>> runs = new LinkedHashMap<>();
    runs.put("hrvqvae-3", List.of(usage(12, 4, 0.9), usage(12, 16, 0.5), usage(12, 64, 0.2)));
    runs.put("hrvqvae-2", List.of(usage(12, 4, 0.7), usage(12, 16, 0.3)));
    BufferedImage img = ChartsImages.read(RunCurves.perLayer(dir.resolve("usage.png"),
        "codes used by step", "codes used", runs, false));
    assertThat(img.getHeight()).isEqualTo(StackedCurves.height(3, StackedCurves.PANEL_HEIGHT));
    assertThat(ChartsImages.colours(img)).isGreaterThan(10);
  }

  @Test
  void badInputsAreClearErrors() {
    assertThatThrownBy(() -> RunCurves.write(dir.resolve("a.png"), "t", "y", Map.of(), false))
        .hasMessageContaining("no runs");
    assertThatThrownBy(() -> RunCurves.perLayer(dir.resolve("a.png"), "t", "y",
        Map.of("r", List.of()), false)).hasMessageContaining("no layers");
    assertThatThrownBy(() -> RunCurves.write(dir.resolve("a.png"), "t", "y",
        Map.of("r", new double[0][]), false)).hasMessageContaining("series 'r' has no points");
    assertThat(dir.resolve("a.png")).doesNotExist();
  }
}
