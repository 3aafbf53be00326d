package dev.hrvq.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogarithmicAxis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  static double[][] decay(int steps, double start, double floor) {
    double[][] points = new double[steps][];
    for (int i = 0; i < steps; i++) {
      points[i] = new double[] {i * 100, floor + start * Math.exp(-i / 8.0)};
    }
    return points;
  }

  static long[] counts(int size, int unused, long seed) {
    long[] counts = new long[size];
    java.util.Random random = new java.util.Random(seed);
    for (int i = unused; i < size; i++) {
      counts[i] = 1 + random.nextInt(1000);
    }
    return counts;
  }

  private static BufferedImage read(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img).as("a PNG ImageIO can read").isNotNull();
    return img;
  }

  private static int colours(BufferedImage img) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        seen.add(img.getRGB(x, y));
      }
    }
    return seen.size();
  }

  @Test
  void lossCurvesArePngsOfTheRequestedSizeAndNotBlank() throws IOException {
    Map<String, double[][]> series = new LinkedHashMap<>();
    series.put("hrvqvae", decay(60, 0.5, 0.01));
    series.put("vqvae", decay(60, 0.6, 0.02));
    BufferedImage img = read(Charts.lossCurves(dir.resolve("loss.png"), "reconstruction", series));
    assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
    assertThat(img.getHeight()).isEqualTo(Charts.LOSS_HEIGHT);
    assertThat(colours(img)).isGreaterThan(10);

    // Zero and negative values switch to a linear axis; NaN points are skipped.
    series.put("signed", new double[][] {{0, -1}, {1, 0}, {2, Double.NaN}, {3, 2}});
    BufferedImage linear = read(Charts.lossCurves(dir.resolve("linear.png"), "t", series, 400,
        300));
    assertThat(linear.getWidth()).isEqualTo(400);
    assertThat(linear.getHeight()).isEqualTo(300);
    assertThat(colours(linear)).isGreaterThan(10);
  }

  @Test
  void logAxisLabelsDecadesOrDecimalsWithinOne() throws IOException {
    assertThat(Charts.logAxis(0.008, 0.5)).isInstanceOf(LogarithmicAxis.class);
    assertThat(Charts.logAxis(0.02, 0.04)).isInstanceOf(LogAxis.class);
    Map<String, double[][]> narrow = Map.of("narrow", new double[][] {{0, 0.04}, {1, 0.02}});
    BufferedImage img = read(Charts.lossCurves(dir.resolve("narrow.png"), "t", narrow));
    assertThat(colours(img)).isGreaterThan(10);
  }

  @Test
  void codebookUsageStacksOnePanelPerLayer() throws IOException {
    List<long[]> layers = List.of(counts(16, 2, 1), counts(16, 0, 2), counts(512, 100, 3),
        new long[8]);
    BufferedImage img = read(Charts.codebookUsage(dir.resolve("usage.png"), "codebook usage",
        layers));
    assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
    assertThat(img.getHeight()).isEqualTo(Charts.codebookUsageHeight(4, Charts.PANEL_HEIGHT));
    assertThat(img.getHeight()).isEqualTo(Charts.TITLE_HEIGHT + 4 * Charts.PANEL_HEIGHT);
    assertThat(colours(img)).isGreaterThan(10);
  }

  @Test
  void emptyInputsAreClearErrors() {
    assertThatThrownBy(() -> Charts.lossCurves(dir.resolve("a.png"), "t", Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no series");
    assertThatThrownBy(() -> Charts.lossCurves(dir.resolve("a.png"), "t",
            Map.of("train", new double[0][])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series 'train' has no points");
    assertThatThrownBy(() -> Charts.lossCurves(dir.resolve("a.png"), "t",
            Map.of("train", new double[][] {{1, 2, 3}})))
        .hasMessageContaining("not a {step, value} pair");
    assertThatThrownBy(() -> Charts.codebookUsage(dir.resolve("b.png"), "t", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no layers");
    assertThatThrownBy(() -> Charts.codebookUsage(dir.resolve("b.png"), "t",
            List.of(new long[4], new long[0])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer 2: code usage: need at least one code");
    assertThat(dir.resolve("a.png")).doesNotExist();
    assertThat(dir.resolve("b.png")).doesNotExist();
  }
}
