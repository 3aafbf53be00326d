package dev.hrvq.experiments.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image folder whose decoded splits cannot fit is refused from its file listing, before any decoding. */
class ImageFolderSizeFaultTest {
  @TempDir Path tmp;

  @Test
  void tooManyPixelsAreRefusedBeforeAnyImageIsDecoded() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("photos"));
    BufferedImage tiny = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
    // 130 images of 4096 x 4096 x 1 floats: more than one Java array holds.
    for (int i = 0; i < 130; i++) {
      ImageIO.write(tiny, "png", folder.resolve(String.format("img%03d.png", i)).toFile());
    }
    Path config = Files.writeString(tmp.resolve("big.json"), """
        { "data": { "dataset": "images", "path": "%s", "image_size": 4096, "batch_size": 1, "test_fraction": 0.01, "upscale": true },
          "model": { "kind": "vqvae", "hidden": 2, "residual_units": 2, "dim": 2, "quantizer": { "codewords": 2 } },
          "training": { "steps": 1 } }
        """.formatted(folder.toString().replace("\\", "/")));
    Cli r = Cli.run("run", config.toString(), "--out", tmp.resolve("run").toString());
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains("129 train images of 4096x4096x1", "more than one Java array holds", "data.path to a folder of fewer images");
    assertThat(r.out()).doesNotContain("decoded");
    assertThat(tmp.resolve("run")).doesNotExist();
  }
}
