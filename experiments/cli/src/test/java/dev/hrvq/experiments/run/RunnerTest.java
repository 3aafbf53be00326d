package dev.hrvq.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.config.ConfigLoader;
import dev.hrvq.experiments.config.ResolvedConfig;
import dev.hrvq.experiments.data.DataSets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny synthetic run end to end: what it writes, and that resuming reproduces it exactly. */
class RunnerTest {
  private static final String TINY = """
      { "name": "tiny",
        "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 16, "train_limit": 256, "test_limit": 64 },
        "model": { "kind": "hrvqvae", "hidden": 16, "residual_units": 8, "dim": 4, "quantizer": { "codewords": 4, "layers": 2 } },
        "optimizer": { "learning_rate": 0.002 },
        "training": { "steps": 30, "eval_every": 15, "checkpoint_every": 10, "log_every": 5 },
        "evaluation": { "recon_images": 6 } }
      """;

  @TempDir Path tmp;

  private Runner.Outcome run(Path dir, boolean resume) throws IOException {
    return run(dir, resume, TINY);
  }

  private Runner.Outcome run(Path dir, boolean resume, String json) throws IOException {
    Path config = tmp.resolve("tiny.json");
    Files.writeString(config, json);
    ResolvedConfig r = ConfigLoader.resolve(config);
    RunContext ctx = RunContext.create(r.config(), r.json(), r.hash(), "test", dir, DataSets.fromEnvironment());
    return new Runner(ctx, new PrintStream(new ByteArrayOutputStream()), config.toString()).run(resume);
  }

  @Test
  void aRunWritesConfigMetricsSummaryCheckpointsAndPictures() throws IOException {
    Path dir = tmp.resolve("run");
    Runner.Outcome outcome = run(dir, false);
    RunDirectory run = new RunDirectory(dir);
    assertThat(outcome.steps()).isEqualTo(30);
    JsonNode config = RunDirectory.readJson(run.config());
    assertThat(config.path("hrvq_version").asText()).isEqualTo("test");
    assertThat(config.path("config_hash").asText()).hasSize(64);
    JsonNode where = config.path("environment");
    assertThat(where.path("java").asText()).startsWith(System.getProperty("java.version"));
    assertThat(where.path("tensorflow").asText()).isEqualTo(org.tensorflow.TensorFlow.version());
    assertThat(where.path("cpu_model").asText()).isNotBlank();
    assertThat(where.path("cpu_flags").asText()).isNotBlank();
    assertThat(where.path("threads_intra_op").asInt()).isPositive();
    assertThat(RunDirectory.readJson(run.summary()).path("environment")).isEqualTo(where);
    assertThat(config.path("optimizer").path("schedule").asText()).as("defaults are saved resolved").isEqualTo("constant");
    List<JsonNode> metrics = RunDirectory.readLines(run.metrics());
    assertThat(metrics).extracting(m -> m.get("step").asLong()).containsExactly(15L, 30L);
    JsonNode last = metrics.get(1);
    assertThat(last.get("test_mse").asDouble()).isPositive();
    assertThat(last.get("codebooks")).hasSize(2);
    assertThat(last.get("codebooks").get(1).get("size").asInt()).isEqualTo(16);
    assertThat(last.get("train").has("recon")).isTrue();
    assertThat(RunDirectory.readLines(run.losses())).hasSize(6);
    JsonNode summary = RunDirectory.readJson(run.summary());
    assertThat(summary.get("test_mse").asDouble()).isEqualTo(last.get("test_mse").asDouble());
    JsonNode speed = summary.get("training_speed");
    assertThat(speed.get("steps").asLong()).isEqualTo(30);
    assertThat(speed.get("processes").asInt()).isEqualTo(1);
    assertThat(speed.get("steps_per_second").asDouble()).isPositive();
    assertThat(speed.get("step_seconds").asDouble()).isPositive().isLessThanOrEqualTo(speed.get("wall_seconds").asDouble());
    try (var checkpoints = Files.list(run.checkpoints())) {
      assertThat(checkpoints.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("ckpt-00000010", "ckpt-00000020", "ckpt-00000030");
    }
    for (String picture : List.of("reconstructions", "loss_curves", "codebook_usage")) {
      assertThat(ImageIO.read(run.picture(picture).toFile())).as(picture).isNotNull();
    }
    // originals + all layers + layer 2 only: 3 rows of 6 images
    assertThat(ImageIO.read(run.picture("reconstructions").toFile()).getHeight()).isEqualTo(2 + 3 * (16 * 3 + 2));
  }

  @Test
  void resumingFromAnEarlierCheckpointReproducesTheUninterruptedRun() throws IOException {
    Path straight = tmp.resolve("straight");
    Path resumed = tmp.resolve("resumed");
    run(straight, false);
    run(resumed, false);
    // Undo everything after step 10, as if the process had died there.
    RunDirectory r = new RunDirectory(resumed);
    dev.hrvq.api.runtime.Checkpoints.deleteTree(r.checkpoints().resolve("ckpt-00000020"));
    dev.hrvq.api.runtime.Checkpoints.deleteTree(r.checkpoints().resolve("ckpt-00000030"));
    Files.delete(r.summary());
    Runner.Outcome outcome = run(resumed, true);
    assertThat(outcome.steps()).isEqualTo(30);
    RunDirectory s = new RunDirectory(straight);
    assertThat(Files.readAllLines(r.metrics())).isEqualTo(Files.readAllLines(s.metrics()));
    assertThat(Files.readAllLines(r.losses())).isEqualTo(Files.readAllLines(s.losses()));
    assertThat(RunDirectory.readJson(r.summary()).get("test_mse")).isEqualTo(RunDirectory.readJson(s.summary()).get("test_mse"));
    // The killed process's speed line stays (its steps were computed); the resumed one adds its own.
    List<JsonNode> speed = RunDirectory.readLines(r.speed());
    assertThat(speed).hasSize(2);
    assertThat(speed.get(1).path("from_step").asLong()).isEqualTo(10);
    assertThat(speed.get(1).path("steps").asLong()).as("a resumed process counts only its own steps").isEqualTo(20);
    assertThat(RunDirectory.readJson(r.summary()).path("training_speed").path("steps").asLong()).isEqualTo(30 + 20);
  }

  @Test
  void aRunDirectoryIsNeverOverwrittenAndResumesOnlyItsOwnConfig() throws IOException {
    Path dir = tmp.resolve("run");
    run(dir, false);
    assertThatThrownBy(() -> run(dir, false)).hasMessageContaining("already has checkpoints; add --resume");
    assertThatThrownBy(() -> run(dir, true, TINY.replace("\"learning_rate\": 0.002", "\"learning_rate\": 0.003")))
        .hasMessageContaining("may not change on resume").hasMessageContaining("optimizer.learning_rate: 0.002 -> 0.003");
  }
}
