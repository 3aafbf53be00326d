package dev.hrvq.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.data.SyntheticImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes one example of each picture, so a person can look at them: into a temporary folder, or
 * into {@code -Dhrvq.report.examples=/some/dir} when given.
 */
class ReportExamplesTest {

  @TempDir Path tmp;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /** Averages over {@code block x block} squares: a stand-in for a coarser reconstruction. */
  static float[] blocky(Dataset d, int block) {
    float[] out = new float[d.images().length];
    int h = d.h();
    int w = d.w();
    int c = d.c();
    for (int i = 0; i < d.n(); i++) {
      int base = i * h * w * c;
      for (int by = 0; by < h; by += block) {
        for (int bx = 0; bx < w; bx += block) {
          for (int ch = 0; ch < c; ch++) {
            float sum = 0;
            int count = 0;
            for (int y = by; y < Math.min(h, by + block); y++) {
              for (int x = bx; x < Math.min(w, bx + block); x++) {
                sum += d.images()[base + (y * w + x) * c + ch];
                count++;
              }
            }
            for (int y = by; y < Math.min(h, by + block); y++) {
              for (int x = bx; x < Math.min(w, bx + block); x++) {
                out[base + (y * w + x) * c + ch] = sum / count;
              }
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void writesExamples() {
    String target = System.getProperty("hrvq.report.examples");
    Path dir = target == null || target.isBlank() ? tmp : Path.of(target);

    Dataset d = new SyntheticImages(8, 32, 3, 7).generate("synthetic");
    Path grid = ImageGrid.builder(32, 32, 3).scale(3)
        .row("original", d.images(), d.n())
        .row("all layers", blocky(d, 2), d.n())
        .row("layers 2..3", blocky(d, 4), d.n())
        .row("layer 3", blocky(d, 8), d.n())
        .write(dir.resolve("reconstructions.png"));

    Dataset gray = new SyntheticImages(64, 28, 1, 11).generate("samples");
    Path samples = ImageGrid.tile(gray.images(), 64, 28, 28, 1, 8, 2, dir.resolve("samples.png"));

    Map<String, double[][]> series = new LinkedHashMap<>();
    series.put("HR-VQVAE train", ChartsTest.decay(80, 0.4, 0.008));
    series.put("HR-VQVAE test", ChartsTest.decay(80, 0.45, 0.012));
    series.put("VQ-VAE train", ChartsTest.decay(80, 0.5, 0.02));
    Path loss = Charts.lossCurves(dir.resolve("loss.png"), "reconstruction loss (MSE)", series);

    List<long[]> layers = new ArrayList<>();
    layers.add(ChartsTest.counts(16, 0, 1));
    layers.add(ChartsTest.counts(16, 2, 2));
    layers.add(ChartsTest.counts(512, 200, 3));
    Path usage = Charts.codebookUsage(dir.resolve("usage.png"), "codebook usage, test split",
        layers);

    Path lossCurves = LossCurves.write(dir.resolve("loss_curves.png"), "example",
        LossCurvesTest.hrvqvae(3, 0.25, 0.25));
    Map<String, double[][]> runs = new LinkedHashMap<>();
    runs.put("hrvqvae", ChartsTest.decay(12, 0.01, 0.0008));
    runs.put("vqvae", ChartsTest.decay(12, 0.012, 0.0012));
    Path compare = RunCurves.write(dir.resolve("compare_test_mse.png"), "test MSE by step",
        "test MSE", runs, true);
    Path sweep = SweepPlot.write(dir.resolve("sweep.png"), "test MSE by codewords", "codewords",
        "test MSE", SweepPlotTest.codewords());

    for (Path p : List.of(grid, samples, loss, usage, lossCurves, compare, sweep)) {
      assertThat(p).exists();
    }
  }
}
