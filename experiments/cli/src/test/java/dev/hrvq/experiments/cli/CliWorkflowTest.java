package dev.hrvq.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.run.RunDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands a user runs on a finished run, through the real command line: eval, reconstruct,
 * inspect, export, and the errors for a missing run, an existing run without --resume and a missing
 * config. One tiny synthetic run is trained once for all of them.
 */
class CliWorkflowTest {
  private static final String TINY = """
      { "name": "tiny-cli",
        "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 8, "train_limit": 64, "test_limit": 32 },
        "model": { "kind": "hrvqvae", "hidden": 8, "residual_units": 4, "dim": 2, "quantizer": { "codewords": 2, "layers": 2 } },
        "training": { "steps": 20, "eval_every": 20, "checkpoint_every": 10, "log_every": 10 },
        "evaluation": { "recon_images": 4 } }
      """;

  @TempDir static Path tmp;
  static Path config;
  static Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @BeforeAll
  static void trainOnce() throws IOException {
    config = tmp.resolve("tiny.json");
    Files.writeString(config, TINY);
    dir = tmp.resolve("run");
    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "run", config.toString(), "--out", dir.toString());
    assertThat(code).isZero();
  }

  @Test
  void evalReproducesTheRunsFinalTestMseAndWritesEvalJson() {
    assertThat(run("eval", dir.toString())).as(err.toString()).isZero();
    assertThat(out.toString()).contains("(step 20)").contains("test MSE");
    JsonNode eval = RunDirectory.readJson(dir.resolve("eval.json"));
    JsonNode summary = RunDirectory.readJson(new RunDirectory(dir).summary());
    assertThat(eval.get("step").asLong()).isEqualTo(20);
    assertThat(eval.get("test_mse").asDouble()).isEqualTo(summary.get("test_mse").asDouble());
    assertThat(eval.get("codebooks")).hasSize(2);
  }

  @Test
  void reconstructWritesAPictureGrid() throws IOException {
    Path png = tmp.resolve("grid.png");
    assertThat(run("reconstruct", dir.toString(), "--images", "3", "--out", png.toString())).as(err.toString()).isZero();
    var image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isGreaterThan(3 * 16);
  }

  @Test
  void inspectShowsConfigEvaluationsCheckpointAndSpeed() {
    assertThat(run("inspect", dir.toString())).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("config     tiny-cli")
        .containsPattern("step +20 +test MSE")
        .contains("latest checkpoint: " + dir.resolve("checkpoints").resolve("ckpt-00000020"))
        .containsPattern("training speed: [0-9.]+ steps/s inside training steps \\(20 steps");
  }

  @Test
  void exportWritesASavedModel() {
    Path saved = tmp.resolve("saved");
    assertThat(run("export", dir.toString(), "--out", saved.toString())).as(err.toString()).isZero();
    assertThat(saved.resolve("saved_model.pb")).exists();
    assertThat(out.toString()).contains("serving_default");
  }

  @Test
  void aMissingRunDirectoryIsAnErrorNamingIt() {
    Path nothing = tmp.resolve("no-such-run");
    assertThat(run("eval", nothing.toString())).isNotZero();
    assertThat(err.toString()).startsWith("hrvq: error:").contains(nothing.toString());
  }

  @Test
  void anExistingRunIsNotOverwrittenWithoutResume() {
    assertThat(run("run", config.toString(), "--out", dir.toString())).isNotZero();
    assertThat(err.toString()).contains("already has checkpoints; add --resume");
  }

  @Test
  void sampleOnAVqRunSaysItIsNotAPriorRunAndWhatToPass() {
    assertThat(run("sample", dir.toString())).isNotZero();
    assertThat(err.toString()).contains("is a VQ run").contains("not a prior run").contains("prior-quickstart.json");
  }

  @Test
  void exportNeedsNoDataSet() throws IOException {
    // A copy of the run whose config names a data set that is not installed: export reads the checkpoint only.
    Path copy = dev.hrvq.experiments.TreeCopy.copy(dir, tmp.resolve("run-without-data"));
    Files.writeString(copy.resolve("config.json"), Files.readString(copy.resolve("config.json")).replace("\"synthetic\"", "\"fashion-mnist\""));
    assertThat(run("eval", copy.toString())).as("eval needs the test split").isNotZero();
    assertThat(run("export", copy.toString(), "--out", tmp.resolve("exported-without-data").toString())).as(err.toString()).isZero();
    assertThat(tmp.resolve("exported-without-data/saved_model.pb")).exists();
  }

  @Test
  void encodeWritesEveryLayersCodesAndDecodeGivesTheReconstructions() throws IOException {
    Path pictures = Files.createDirectories(tmp.resolve("pictures/nested"));
    java.util.Random random = new java.util.Random(5);
    java.util.List<java.awt.image.BufferedImage> originals = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      var p = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
      for (int y = 4; y < 12; y++) {
        for (int x = 2 + i; x < 10 + i; x++) {
          p.setRGB(x, y, random.nextInt(0x1000000));
        }
      }
      originals.add(p);
      ImageIO.write(p, "png", (i == 2 ? pictures : pictures.getParent()).resolve("p" + i + ".png").toFile());
    }
    Path codes = tmp.resolve("codes");
    assertThat(run("encode", dir.toString(), "--images", pictures.getParent().toString(), "--out", codes.toString())).as(err.toString()).isZero();
    assertThat(Files.readAllLines(codes.resolve("images.txt"))).containsExactly("nested/p2.png", "p0.png", "p1.png");
    var array = dev.hrvq.experiments.codes.Npy.read(codes.resolve("codes.npy"));
    assertThat(array.shape()).containsExactly(3, 2, 8, 8);
    for (int i = 0; i < 3 * 64; i++) {
      int row = i / 64;
      long layer1 = array.values()[(row * 2) * 64 + i % 64];
      long layer2 = array.values()[(row * 2 + 1) * 64 + i % 64];
      assertThat(layer2).isBetween(0L, 3L);
      assertThat(layer1).as("layer 1's code is the first step of layer 2's path").isEqualTo(layer2 / 2);
    }
    Path decoded = tmp.resolve("decoded");
    assertThat(run("decode", dir.toString(), codes.toString(), "--out", decoded.toString())).as(err.toString()).isZero();
    try (dev.hrvq.models.Inference model = dev.hrvq.models.Inference.open(dir)) {
      var expected = model.reconstruct(java.util.List.of(originals.get(2), originals.get(0), originals.get(1)), model.model().allLayers());
      for (int i = 0; i < 3; i++) {
        var got = ImageIO.read(decoded.resolve(String.format("%06d.png", i)).toFile());
        for (int y = 0; y < 16; y++) {
          for (int x = 0; x < 16; x++) {
            assertThat(got.getRGB(x, y)).as("image %d at %d,%d", i, x, y).isEqualTo(expected.get(i).getRGB(x, y));
          }
        }
      }
    }
  }

  @Test
  void aMissingConfigIsAnErrorNamingIt() {
    Path missing = tmp.resolve("missing.json");
    assertThat(run("run", missing.toString())).isNotZero();
    assertThat(err.toString()).startsWith("hrvq: error:").contains(missing.toString());
  }
}
