package dev.hrvq.experiments.prior;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.config.ConfigLoader;
import dev.hrvq.experiments.config.PriorConfigLoader;
import dev.hrvq.experiments.data.DataLocations;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.run.RunContext;
import dev.hrvq.experiments.run.RunDirectory;
import dev.hrvq.experiments.run.Runner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny VQ run, a prior over its codes, samples and feature distances: everything a prior run writes. */
class PriorRunnerTest {
  @TempDir Path tmp;

  @Test
  void aPriorRunTrainsSamplesAndMeasures() throws Exception {
    DataSets data = new DataSets(new DataLocations(tmp.resolve("data"), tmp.resolve("system")));
    Path vqConfig = tmp.resolve("vq.json");
    Files.writeString(vqConfig, """
        { "name": "vq",
          "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 16, "train_limit": 256, "test_limit": 64 },
          "model": { "kind": "hrvqvae", "hidden": 16, "residual_units": 8, "dim": 4, "quantizer": { "codewords": 2, "layers": 2 } },
          "training": { "steps": 10, "eval_every": 10, "checkpoint_every": 10, "log_every": 5 } }
        """);
    var vq = ConfigLoader.resolve(vqConfig);
    Path vqDir = tmp.resolve("runs/vq");
    new Runner(RunContext.create(vq.config(), vq.json(), vq.hash(), "test", vqDir, data), new PrintStream(new ByteArrayOutputStream()),
        vqConfig.toString()).run(false);
    Path priorConfig = tmp.resolve("prior.json");
    Files.writeString(priorConfig, """
        { "name": "prior",
          "prior": { "run": "%s", "hidden": 8, "blocks": 2, "kernel": 3, "embedding": 4 },
          "training": { "steps": 6, "batch_size": 16, "eval_every": 3, "checkpoint_every": 3, "log_every": 3 },
          "sampling": { "samples": 4 } }
        """.formatted(vqDir.toString().replace("\\", "/")));
    Path priorDir = tmp.resolve("runs/prior");
    var prior = PriorConfigLoader.resolve(priorConfig);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    assertThat(new PriorRunner(prior, priorDir, data, new PrintStream(log), priorConfig.toString()).run(false, "test")).isTrue();
    String printed = log.toString();
    assertThat(printed).contains("FID (LeNet features)").contains("KID (LeNet features)").contains("test accuracy");
    assertThat(Files.exists(vqDir.resolve("codes/train-codes.bin"))).as("codes cached in the VQ run").isTrue();
    RunDirectory run = new RunDirectory(priorDir);
    assertThat(RunDirectory.readLines(run.metrics())).extracting(m -> m.get("step").asLong()).containsExactly(3L, 6L);
    JsonNode summary = RunDirectory.readJson(run.summary());
    for (String key : new String[] {"fid_lenet_samples", "kid_lenet_samples", "fid_lenet_reconstructions", "classifier_test_accuracy",
        "sampling_seconds"}) {
      assertThat(summary.has(key)).as(key).isTrue();
    }
    assertThat(summary.get("test_bits_per_position").get("codes").asDouble()).isPositive();
    assertThat(ImageIO.read(priorDir.resolve("samples.png").toFile()).getWidth()).isEqualTo(2 + 4 * (16 * 2 + 2));
    // TensorBoard: the map's loss terms and test bits as it trained, then the samples and the distances.
    var events = dev.hrvq.experiments.events.TensorBoardView.read(priorDir.resolve("events"));
    assertThat(events.scalars().get("train/bits")).containsOnlyKeys(3L, 6L);
    assertThat(events.scalars().get("test/bits_per_position")).containsOnlyKeys(3L, 6L);
    assertThat(events.scalars().get("test/bits_per_position").get(6L))
        .isEqualTo((float) summary.get("test_bits_per_position").get("codes").asDouble());
    assertThat(events.scalars().get("test/fid_lenet_samples").get(6L)).isEqualTo((float) summary.get("fid_lenet_samples").asDouble());
    assertThat(events.scalars()).containsKeys("test/kid_lenet_samples", "test/fid_lenet_reconstructions", "test/kid_lenet_reconstructions");
    assertThat(events.images().get("samples").get(6L).getWidth()).isEqualTo(2 + 4 * (16 * 2 + 2));
    try (PriorSession session = PriorSession.open(priorDir, data)) {
      PriorSession.Sampled s = session.sample(3, 1f, 9);
      assertThat(s.images()).hasSize(3 * 16 * 16 * 3);
      assertThat(s.codes().get("codes")).hasSize(3 * 8 * 8);
      assertThat(java.util.Arrays.stream(s.codes().get("codes")).allMatch(c -> c >= 0 && c < 4)).isTrue();
    }
    // The same through the command line, as a user would sample more.
    Path samples = tmp.resolve("more-samples");
    java.io.StringWriter cliOut = new java.io.StringWriter();
    java.io.StringWriter cliErr = new java.io.StringWriter();
    int code = dev.hrvq.experiments.cli.Main.run(new java.io.PrintWriter(cliOut, true), new java.io.PrintWriter(cliErr, true),
        "sample", priorDir.toString(), "--n", "5", "--temperature", "0.7", "--seed", "3", "--out", samples.toString());
    assertThat(code).as(cliErr.toString()).isZero();
    assertThat(ImageIO.read(samples.resolve("samples.png").toFile())).isNotNull();
    JsonNode codes = RunDirectory.readJson(samples.resolve("samples-codes.json")).get("codes");
    assertThat(codes).as("5 samples of 8x8 leaf codes").hasSize(5 * 8 * 8);
    codes.forEach(c -> assertThat(c.asLong()).isBetween(0L, 3L));
  }
}
