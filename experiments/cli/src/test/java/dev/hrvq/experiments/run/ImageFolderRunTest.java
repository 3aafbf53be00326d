package dev.hrvq.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.ChildCli;
import dev.hrvq.experiments.config.ConfigLoader;
import dev.hrvq.experiments.config.PriorConfigLoader;
import dev.hrvq.experiments.data.DataLocations;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.TestImages;
import dev.hrvq.experiments.prior.PriorRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.dataset images} end to end: a generated folder of PNG, JPEG and BMP files, gray and
 * RGB, of mixed sizes, trained through the real {@code hrvq run} in a child JVM (so that
 * {@code HRVQ_DATA} points at a temporary folder) and reopened by {@code hrvq eval} from the cache;
 * and an unlabelled folder through a prior run, whose FID is skipped with a reason.
 */
class ImageFolderRunTest {
  private static final String CONFIG = """
      { "name": "tiny-images",
        "data": { "dataset": "images", "path": "%s", "image_size": 16, "batch_size": 4, "test_fraction": 0.25 },
        "model": { "kind": "hrvqvae", "hidden": 8, "residual_units": 4, "dim": 2, "quantizer": { "codewords": 2, "layers": 2 } },
        "training": { "steps": 4, "eval_every": 4, "checkpoint_every": 4, "log_every": 2 },
        "evaluation": { "recon_images": 2 } }
      """;

  @TempDir Path tmp;

  private static String json(Path p) {
    return p.toString().replace("\\", "/");
  }

  /** 12 images in two class folders: gray PNGs and RGB JPEGs and BMPs, none of them square. */
  private static Path labelledFolder(Path root) {
    for (int i = 0; i < 6; i++) {
      TestImages.flatGray(root.resolve("dark/d" + i + ".png"), 20 + i, 24, 30 + 10 * i);
      String ext = i % 2 == 0 ? ".jpg" : ".bmp";
      TestImages.flatRgb(root.resolve("light/sub/l" + i + ext), 24, 18 + i, 0xC08040 + 0x010101 * i);
    }
    return root;
  }

  private static String child(Path log, Path data, String... args) throws Exception {
    Process p = ChildCli.start(log, args, "HRVQ_DATA", data.toString());
    try {
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("finished in 5 minutes").isTrue();
      String out = ChildCli.read(log);
      assertThat(p.exitValue()).as(out).isZero();
      return out;
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aLabelledMixedFolderTrainsThroughTheCommandLineAndReopensFromTheCache() throws Exception {
    Path images = labelledFolder(tmp.resolve("my images"));
    Path config = Files.writeString(tmp.resolve("images.json"), CONFIG.formatted(json(images)));
    Path data = tmp.resolve("data");
    Path dir = tmp.resolve("run");

    String out = child(tmp.resolve("run.log"), data, "run", config.toString(), "--out", dir.toString());
    assertThat(out).contains("on images").contains("decoded 12 images from " + images);
    Path cache = data.resolve("cache/images");
    try (Stream<Path> files = Files.list(cache)) {
      assertThat(files.map(f -> f.getFileName().toString())).singleElement().asString().matches("[0-9a-f]{64}\\.bin");
    }
    RunDirectory run = new RunDirectory(dir);
    JsonNode summary = RunDirectory.readJson(run.summary());
    assertThat(summary.get("dataset").asText()).isEqualTo("images");
    assertThat(summary.get("test_mse").asDouble()).isPositive();
    JsonNode saved = RunDirectory.readJson(run.config()).get("data");
    assertThat(saved.get("path").asText()).isEqualTo(json(images));
    assertThat(saved.get("channels").isNull()).isTrue();
    assertThat(Files.exists(dir.resolve("reconstructions.png"))).isTrue();

    // Another process reopens the run: its images come from the cache, nothing is decoded.
    String eval = child(tmp.resolve("eval.log"), data, "eval", dir.toString());
    assertThat(eval).contains("test MSE").doesNotContain("decoded");
    assertThat(RunDirectory.readJson(dir.resolve("eval.json")).get("test_mse").asDouble()).isEqualTo(summary.get("test_mse").asDouble());
  }

  @Test
  void anUnlabelledFolderSkipsFidAndRefusesAClassConditionalPrior() throws Exception {
    Path images = tmp.resolve("flat");
    for (int i = 0; i < 8; i++) {
      TestImages.flatRgb(images.resolve("p" + i + ".png"), 16, 16, 0x102030 * (i + 1));
    }
    DataSets data = new DataSets(new DataLocations(tmp.resolve("data"), tmp.resolve("system")));
    Path vqConfig = Files.writeString(tmp.resolve("vq.json"), CONFIG.formatted(json(images)));
    var vq = ConfigLoader.resolve(vqConfig);
    Path vqDir = tmp.resolve("runs/vq");
    ByteArrayOutputStream vqLog = new ByteArrayOutputStream();
    RunContext ctx = RunContext.create(vq.config(), vq.json(), vq.hash(), "test", vqDir, data);
    assertThat(ctx.train().hasLabels()).isFalse();
    assertThat(ctx.train().n()).isEqualTo(6);
    assertThat(ctx.test().n()).isEqualTo(2);
    new Runner(ctx, new PrintStream(vqLog), vqConfig.toString()).run(false);

    String prior = """
        { "name": "prior",
          "prior": { "run": "%s", "hidden": 8, "blocks": 1, "kernel": 3, "embedding": 4 %s},
          "training": { "steps": 2, "batch_size": 4, "eval_every": 2, "checkpoint_every": 2, "log_every": 2 },
          "sampling": { "samples": 2 } }
        """;
    Path priorConfig = Files.writeString(tmp.resolve("prior.json"), prior.formatted(json(vqDir), ""));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Path priorDir = tmp.resolve("runs/prior");
    assertThat(new PriorRunner(PriorConfigLoader.resolve(priorConfig), priorDir, data, new PrintStream(log), priorConfig.toString())
        .run(false, "test")).isTrue();
    String skipped = "FID (LeNet features) skipped: data set images has no labels (put the images in class subfolders)";
    assertThat(log.toString()).contains(skipped).contains("done: wrote");
    JsonNode summary = RunDirectory.readJson(new RunDirectory(priorDir).summary());
    assertThat(summary.get("features").asText()).isEqualTo(skipped);
    assertThat(summary.has("fid_lenet_samples")).isFalse();

    Path conditional = Files.writeString(tmp.resolve("cond.json"), prior.formatted(json(vqDir), ", \"class_conditional\": true "));
    assertThatThrownBy(() -> new PriorRunner(PriorConfigLoader.resolve(conditional), tmp.resolve("runs/cond"), data,
        new PrintStream(new ByteArrayOutputStream()), conditional.toString()).run(false, "test"))
        .hasMessage("prior.class_conditional: data set images has no labels; set it false, or put the images of data.path in class subfolders");
  }
}
