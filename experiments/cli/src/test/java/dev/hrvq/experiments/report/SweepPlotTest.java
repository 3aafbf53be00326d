package dev.hrvq.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlotTest {

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  static SweepPoint p(String group, Object x, double value) {
    return new SweepPoint(group, x, value);
  }

  /** Codewords 8..512, two kinds, 1-3 seeds, one NaN. */
  static List<SweepPoint> codewords() {
    return List.of(
        p("hrvqvae", 8, 0.3), p("hrvqvae", 8, 0.5),
        p("vqvae", 8L, 0.6), p("vqvae", 8.0, 0.8),
        p("hrvqvae", 64, 0.1),
        p("hrvqvae", 512, 0.02), p("hrvqvae", 512, Double.NaN), p("hrvqvae", 512, 0.04),
        p("vqvae", 512, 0.05));
  }

  private static void assertCell(SweepPlot.Cell c, String group, double x, double mean,
      double min, double max, int n) {
    assertThat(c.group()).isEqualTo(group);
    assertThat((Double) c.x()).isEqualTo(x);
    assertThat(c.mean()).isCloseTo(mean, within(1e-12));
    assertThat(c.min()).isEqualTo(min);
    assertThat(c.max()).isEqualTo(max);
    assertThat(c.n()).isEqualTo(n);
  }

  @Test
  void summaryGroupsSeedsAndLeavesNaNOut() {
    SweepPlot.Summary s = SweepPlot.summarize(codewords());
    assertThat(s.groups()).containsExactly("hrvqvae", "vqvae");
    assertThat(s.xs()).containsExactly(8.0, 64.0, 512.0);
    assertThat(s.scale()).isEqualTo(SweepPlot.Scale.LOG);
    assertThat(s.nonFinite()).isEqualTo(1);
    assertThat(s.cells()).hasSize(5);
    assertCell(s.cells().get(0), "hrvqvae", 8, 0.4, 0.3, 0.5, 2);
    assertCell(s.cells().get(1), "hrvqvae", 64, 0.1, 0.1, 0.1, 1);
    assertCell(s.cells().get(2), "hrvqvae", 512, 0.03, 0.02, 0.04, 2);
    assertCell(s.cells().get(3), "vqvae", 8, 0.7, 0.6, 0.8, 2);
    assertCell(s.cells().get(4), "vqvae", 512, 0.05, 0.05, 0.05, 1);
    assertThat(SweepPlot.subtitle(s, false))
        .isEqualTo("line: mean over seeds; bar: min..max (groups nudged apart in x); 1-2 seeds; "
            + "1 NaN/infinite value left out");
  }

  @Test
  void axisRule() {
    assertThat(SweepPlot.scale(new LinkedHashSet<>(List.of(8.0, 512.0))))
        .isEqualTo(SweepPlot.Scale.LOG);
    assertThat(SweepPlot.scale(new LinkedHashSet<>(List.of(8.0, 128.0))))
        .isEqualTo(SweepPlot.Scale.LINEAR); // 16x: under 1.5 decades
    assertThat(SweepPlot.scale(new LinkedHashSet<>(List.of(0.0, 512.0))))
        .isEqualTo(SweepPlot.Scale.LINEAR); // zero has no logarithm
    assertThat(SweepPlot.scale(new LinkedHashSet<>(List.of(1e-4, 1e-2))))
        .isEqualTo(SweepPlot.Scale.LOG);
    assertThat(SweepPlot.scale(new LinkedHashSet<>(List.of(1.0, "ema"))))
        .isEqualTo(SweepPlot.Scale.CATEGORY);
    assertThat(SweepPlot.powersOfTwo(List.of(8.0, 16.0, 512.0))).isTrue();
    assertThat(SweepPlot.powersOfTwo(List.of(8.0, 100.0))).isFalse();
  }

  @Test
  void categoriesKeepFirstSeenOrder() {
    SweepPlot.Summary s = SweepPlot.summarize(List.of(p("a", "gradient", 2), p("a", "ema", 1),
        p("b", "gradient", 4), p("a", "gradient", 3), p("b", true, 5)));
    assertThat(s.scale()).isEqualTo(SweepPlot.Scale.CATEGORY);
    assertThat(s.xs()).containsExactly("gradient", "ema", "true");
    assertThat(s.cells()).extracting(SweepPlot.Cell::mean).containsExactly(2.5, 1.0, 4.0, 5.0);
    assertThat(SweepPlot.subtitle(s, true))
        .isEqualTo("marker: mean over seeds; bar: min..max; 1-2 seeds");
  }

  @Test
  void rendersNumericLogLinearCategoricalAndSinglePointPlots() throws IOException {
    List<List<SweepPoint>> cases = new ArrayList<>();
    cases.add(codewords());
    cases.add(List.of(p("hrvqvae", 1, 0.2), p("hrvqvae", 2, 0.15), p("hrvqvae", 3, 0.12)));
    cases.add(List.of(p("hrvqvae", "ema", 0.2), p("hrvqvae", "gradient", 0.25),
        p("vqvae", "ema", 0.3), p("vqvae", "ema", 0.35)));
    cases.add(List.of(p("hrvqvae", 64, 0.2))); // one x, one seed: a single marker
    cases.add(List.of(p("hrvqvae", 64, Double.NaN))); // nothing finite: empty, still written
    for (int i = 0; i < cases.size(); i++) {
      Path png = SweepPlot.write(dir.resolve("sweep" + i + ".png"), "test MSE by codewords",
          "codewords", "test MSE", cases.get(i));
      BufferedImage img = ChartsImages.read(png);
      assertThat(img.getWidth()).isEqualTo(SweepPlot.WIDTH);
      assertThat(img.getHeight()).isEqualTo(SweepPlot.HEIGHT);
      assertThat(ChartsImages.colours(img)).as("case %d", i).isGreaterThan(10);
    }
    // Both groups are drawn: pixels of their colours (lines, markers, bars) are present.
    BufferedImage first = ChartsImages.read(dir.resolve("sweep0.png"));
    assertThat(ChartsImages.pixelsNear(first, Palette.colour(0).getRGB(), 8)).isGreaterThan(100);
    assertThat(ChartsImages.pixelsNear(first, Palette.colour(1).getRGB(), 8)).isGreaterThan(100);
  }

  @Test
  void badInputsAreClearErrors() {
    assertThatThrownBy(() -> SweepPlot.summarize(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no points");
    assertThatThrownBy(() -> p(null, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p("a", null, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
