package dev.hrvq.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.config.ConfigLoader;
import dev.hrvq.experiments.data.DataLocations;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.fid.FeatureClassifier;
import dev.hrvq.experiments.fid.FeatureDistances;
import dev.hrvq.models.Inference;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluation.fid}: a finished VQ run measures the FID (LeNet features) of its test
 * reconstructions, equal to the same distance computed afresh from its checkpoint; data without
 * labels is refused before training.
 */
class ReconstructionFidTest {
  @TempDir Path tmp;

  private static final String CONFIG = """
      { "name": "fid",
        "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 16, "train_limit": 128, "test_limit": 48 },
        "model": { "kind": "hrvqvae", "hidden": 16, "residual_units": 8, "dim": 4, "quantizer": { "codewords": 2, "layers": 2 } },
        "training": { "steps": 8, "eval_every": 4, "checkpoint_every": 4, "log_every": 4 },
        "evaluation": { "fid": true } }
      """;

  @Test
  void theFinishedRunsFidEqualsOneComputedFromItsCheckpoint() throws Exception {
    DataSets data = new DataSets(new DataLocations(tmp.resolve("data"), tmp.resolve("system")));
    Path config = Files.writeString(tmp.resolve("fid.json"), CONFIG);
    var resolved = ConfigLoader.resolve(config);
    Path dir = tmp.resolve("runs/fid");
    RunContext ctx = RunContext.create(resolved, "test", dir, data);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    new Runner(ctx, new PrintStream(log), config.toString()).run(false);
    assertThat(log.toString()).contains("reconstructions vs test images: FID (LeNet features)");
    JsonNode summary = RunDirectory.readJson(new RunDirectory(dir).summary());
    double fid = summary.path("fid_lenet_reconstructions").asDouble(Double.NaN);
    assertThat(fid).isPositive();
    assertThat(summary.path("kid_lenet_reconstructions").isNumber()).isTrue();
    assertThat(summary.path("features").asText()).contains("LeNet", "not Inception");
    // Afresh: the checkpoint through Inference (not the training session), the same cached LeNet.
    Dataset test = ctx.test();
    float[] recon;
    try (Inference vq = Inference.open(dir)) {
      recon = vq.reconstruct(test.images(), test.n(), vq.model().allLayers());
    }
    try (FeatureClassifier lenet = FeatureClassifier.forData(data, resolved.config().data(), 16)) {
      FeatureDistances again = lenet.distances(recon, test.n(), test.images(), test.n(), 0);
      assertThat(fid).isCloseTo(again.fid(), within(1e-6 * Math.max(1, again.fid())));
      assertThat(lenet.distances(test.images(), test.n(), test.images(), test.n(), 0).fid()).isCloseTo(0, within(1e-6));
    }
    var events = dev.hrvq.experiments.events.TensorBoardView.read(dir.resolve("events"));
    assertThat(events.scalars().get("test/fid_lenet_reconstructions").get(8L)).isEqualTo((float) fid);
  }

  @Test
  void dataWithoutLabelsIsRefusedBeforeTraining() throws Exception {
    Path images = Files.createDirectories(tmp.resolve("flat"));
    for (int i = 0; i < 12; i++) {
      BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
      img.getRaster().setSample(i % 16, i % 16, 0, 255);
      ImageIO.write(img, "png", images.resolve("img" + i + ".png").toFile());
    }
    DataSets data = new DataSets(new DataLocations(tmp.resolve("data"), tmp.resolve("system")));
    Path config = Files.writeString(tmp.resolve("flat.json"), CONFIG.replace("\"dataset\": \"synthetic\"",
        "\"dataset\": \"images\", \"path\": \"" + images.toString().replace("\\", "/") + "\"").replace(", \"train_limit\": 128, \"test_limit\": 48", ""));
    var resolved = ConfigLoader.resolve(config);
    Path dir = tmp.resolve("runs/flat");
    assertThatThrownBy(() -> RunContext.create(resolved, "test", dir, data)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("evaluation.fid: data set images has no labels").hasMessageContaining("class subfolders");
    assertThat(dir).doesNotExist();
  }
}
