package dev.hrvq.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.ChildCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process stopped by a signal (SIGTERM here; Ctrl-C's SIGINT runs the same shutdown hook)
 * saves a checkpoint at the step it reached, says how to resume, and leaves no partial files. Runs
 * the real CLI in a child JVM, as a user would.
 */
class InterruptedRunTest {
  private static final String ENDLESS = """
      { "name": "endless",
        "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 8, "train_limit": 64, "test_limit": 16 },
        "model": { "kind": "hrvqvae", "hidden": 8, "residual_units": 4, "dim": 2, "quantizer": { "codewords": 2, "layers": 2 } },
        "training": { "steps": 1000000, "eval_every": 1000000, "checkpoint_every": 1000000, "log_every": 10 } }
      """;

  @TempDir Path tmp;

  @Test
  void aSignalSavesACheckpointAtTheStepReachedAndSaysHowToResume() throws Exception {
    Path config = tmp.resolve("endless.json");
    Files.writeString(config, ENDLESS);
    Path dir = tmp.resolve("run");
    Path log = tmp.resolve("stdout.txt");
    Process process = ChildCli.start(log, new String[] {"run", config.toString(), "--out", dir.toString()},
        "HRVQ_DATA", tmp.resolve("data").toString());
    try {
      Path losses = new RunDirectory(dir).losses();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!(Files.exists(losses) && Files.readAllLines(losses).size() >= 2)) {
        assertThat(process.isAlive()).as("training is running; its output:%n%s", ChildCli.read(log)).isTrue();
        assertThat(System.nanoTime()).as("training logged two lines within 2 minutes").isLessThan(deadline);
        Thread.sleep(100);
      }
      process.destroy(); // SIGTERM
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the process ends after saving").isTrue();
    } finally {
      process.destroyForcibly();
    }

    String out = ChildCli.read(log);
    Matcher m = Pattern.compile("interrupted at step (\\d+); checkpoint (\\S+)").matcher(out);
    assertThat(m.find()).as("the interruption message in:%n%s", out).isTrue();
    long step = Long.parseLong(m.group(1));
    assertThat(step).isGreaterThanOrEqualTo(20);
    assertThat(out).contains("continue with: ./hrvq run " + config + " --out " + dir + " --resume");

    RunDirectory run = new RunDirectory(dir);
    try (Stream<Path> entries = Files.list(run.checkpoints())) {
      assertThat(entries.map(p -> p.getFileName().toString()).toList())
          .as("one complete checkpoint at the step reached, no temporary folders")
          .containsExactly(String.format("ckpt-%08d", step));
    }
    assertThat(Path.of(m.group(2))).isEqualTo(run.checkpoints().resolve(String.format("ckpt-%08d", step)));
    JsonNode manifest = RunDirectory.readJson(run.checkpoints().resolve(String.format("ckpt-%08d", step)).resolve("manifest.json"));
    assertThat(manifest.path("step").asLong()).isEqualTo(step);
    // Every line already logged is whole JSON.
    List<JsonNode> lines = RunDirectory.readLines(run.losses());
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(lines.size() - 1).path("step").asLong()).isLessThanOrEqualTo(step);
  }
}
