package dev.hrvq.experiments.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --resume with a changed config: a larger training.steps extends the run to exactly what an
 * uninterrupted run of that length logs; a finished run's resume changes nothing (training_speed
 * included); any other change, or a shorter run, is refused naming the keys and changes nothing.
 */
class ResumeChangesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static Path config;
  static Path thirty;

  @BeforeAll
  static void trainThirtySteps() throws IOException {
    config = TinyRuns.config(tmp);
    thirty = tmp.resolve("thirty");
    TinyRuns.train(config, thirty);
  }

  private static Path copy(String name) throws IOException {
    return dev.hrvq.experiments.TreeCopy.copy(thirty, tmp.resolve(name));
  }

  @Test
  void aLargerStepCountExtendsTheRunToWhatALongerRunLogs() throws IOException {
    Path extended = copy("extended");
    Cli r = Cli.run("run", config.toString(), "--out", extended.toString(), "--resume", "--set", "training.steps=40");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("resume with a changed training.steps: 30 -> 40");
    Path forty = tmp.resolve("forty");
    TinyRuns.train(config, forty, "--set", "training.steps=40");
    for (String log : new String[] {"losses.jsonl", "metrics.jsonl"}) {
      assertThat(Files.readString(extended.resolve(log))).as(log).isEqualTo(Files.readString(forty.resolve(log)));
    }
    assertThat(read(extended.resolve("config.json")).path("training").path("steps").asInt()).isEqualTo(40);
    assertThat(read(extended.resolve("config.json")).path("overrides").get(0).asText()).isEqualTo("training.steps=40");
    JsonNode speed = read(extended.resolve("summary.json")).path("training_speed");
    assertThat(speed.path("steps").asLong()).as("steps of both processes").isEqualTo(40);
    assertThat(speed.path("processes").asInt()).isEqualTo(2);
  }

  @Test
  void resumingAFinishedRunKeepsItsSummaryIncludingTrainingSpeed() throws IOException {
    Path dir = copy("finished");
    JsonNode before = read(dir.resolve("summary.json"));
    assertThat(before.path("training_speed").path("steps_per_second").asDouble()).isPositive();
    Cli r = Cli.run("run", config.toString(), "--out", dir.toString(), "--resume");
    assertThat(r.code()).as(r.all()).isZero();
    JsonNode after = read(dir.resolve("summary.json"));
    assertThat(after.path("training_speed")).isEqualTo(before.path("training_speed"));
    assertThat(after.path("test_mse")).isEqualTo(before.path("test_mse"));
    assertThat(Files.readString(dir.resolve("losses.jsonl"))).isEqualTo(Files.readString(thirty.resolve("losses.jsonl")));
  }

  @Test
  void anotherChangeIsRefusedNamingEachKeyWithBothValues() throws IOException {
    Path dir = copy("changed");
    String configBefore = Files.readString(dir.resolve("config.json"));
    Cli r = Cli.run("run", config.toString(), "--out", dir.toString(), "--resume",
        "--set", "model.hidden=16", "--set", "seed=7", "--set", "training.steps=40");
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains("2 keys that may not change on resume", "model.hidden: 8 -> 16", "seed: 0 -> 7",
        "keys that may change on resume: ").doesNotContain("training.steps: 30 -> 40");
    assertThat(Files.readString(dir.resolve("config.json"))).isEqualTo(configBefore);
  }

  @Test
  void aSmallerStepCountThanTheCheckpointIsRefusedAndChangesNothing() throws IOException {
    Path dir = copy("shortened");
    String configBefore = Files.readString(dir.resolve("config.json"));
    Cli r = Cli.run("run", config.toString(), "--out", dir.toString(), "--resume", "--set", "training.steps=20");
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains("checkpoint is at step 30, past training.steps 20", "cannot be shortened");
    assertThat(Files.readString(dir.resolve("config.json"))).isEqualTo(configBefore);
  }

  @Test
  void aPrecisionThatResolvesToAnotherThanTheRunTrainedInIsRefusedAndChangesNothing() throws IOException {
    Path dir = copy("precision");
    String configBefore = Files.readString(dir.resolve("config.json"));
    Cli r = Cli.run("run", config.toString(), "--out", dir.toString(), "--resume", "--set", "precision=bf16", "--set", "training.steps=40");
    assertThat(r.code()).as(r.all()).isNotZero();
    assertThat(r.err()).contains("it trained in fp32", "precision \"bf16\" is bf16", "--set precision=fp32");
    assertThat(Files.readString(dir.resolve("config.json"))).isEqualTo(configBefore);
    assertThat(Files.readString(dir.resolve("losses.jsonl"))).isEqualTo(Files.readString(thirty.resolve("losses.jsonl")));
  }

  @Test
  void aPrecisionThatResolvesToTheOneTheRunTrainedInResumes() throws IOException {
    Path dir = copy("precision-same");
    Cli r = Cli.run("run", config.toString(), "--out", dir.toString(), "--resume", "--set", "precision=fp32");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(read(dir.resolve("summary.json")).path("precision").asText()).isEqualTo("fp32");
  }

  private static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }
}
