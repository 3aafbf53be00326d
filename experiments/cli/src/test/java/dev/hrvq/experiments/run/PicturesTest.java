package dev.hrvq.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PicturesTest {

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void lossCurvesReadLossesAndMetricsAndSkipUsageAndPerplexity() throws IOException {
    RunDirectory run = new RunDirectory(dir);
    for (int step = 20; step <= 200; step += 20) {
      double recon = 0.02 / step;
      double last = 0.005 / step;
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("step", step);
      line.put("loss", recon + 2.5 * last);
      line.put("recon", recon);
      line.put("combined_codebook", last);
      line.put("combined_commitment", 0.25 * last);
      line.put("layer1_codebook", 2 * last);
      line.put("layer1_commitment", 0.5 * last);
      line.put("layer2_codebook", last);
      line.put("layer2_commitment", 0.25 * last);
      line.put("perplexity_l1", 2.0);
      line.put("usage_l1", 1.0);
      RunDirectory.appendLine(run.losses(), line);
    }
    RunDirectory.appendLine(run.metrics(), Map.of("step", 100, "test_mse", 0.0003));
    RunDirectory.appendLine(run.metrics(), Map.of("step", 200, "test_mse", 0.0002));
    Pictures.lossCurves(run, "tiny");
    BufferedImage img = ImageIO.read(run.picture("loss_curves").toFile());
    assertThat(img).isNotNull();
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(dev.hrvq.experiments.report.LossCurves.height(3, 220));
  }
}
