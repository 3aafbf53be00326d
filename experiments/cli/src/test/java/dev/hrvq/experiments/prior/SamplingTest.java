package dev.hrvq.experiments.prior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.data.SyntheticImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples picture shows the first 64 of however many were drawn; the codes file holds them all. */
class SamplingTest {
  @Test
  void moreSamplesThanTheGridShowsWriteAnEightByEightGridAndEveryCode(@TempDir Path dir) throws IOException {
    Dataset like = new SyntheticImages(2, 16, 1, 0).generate("synthetic");
    int n = 100;
    float[] samples = new float[n * 16 * 16];
    long[] codes = new long[n * 4];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = i;
    }
    Sampling.write(dir, samples, n, like, Map.of("codes", codes));
    var png = ImageIO.read(dir.resolve("samples.png").toFile());
    assertThat(png.getHeight()).as("8 rows, like its width").isEqualTo(png.getWidth());
    assertThat(Files.readString(dir.resolve("samples-codes.json"))).contains("399");
  }
}
