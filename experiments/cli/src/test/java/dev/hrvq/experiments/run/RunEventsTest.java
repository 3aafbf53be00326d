package dev.hrvq.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.config.ConfigLoader;
import dev.hrvq.experiments.config.ResolvedConfig;
import dev.hrvq.experiments.data.DataLocations;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.events.EventReader;
import dev.hrvq.experiments.events.RunEvents;
import dev.hrvq.experiments.events.TensorBoardView;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/**
 * A tiny synthetic run's TensorBoard events hold what its logs hold: every loss term of
 * {@code losses.jsonl}, every evaluation of {@code metrics.jsonl} and the reconstruction grid; after
 * a resume, TensorBoard's view still agrees with the logs.
 */
class RunEventsTest {
  private static final String TINY = """
      { "name": "tiny-events",
        "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 8, "train_limit": 64, "test_limit": 16 },
        "model": { "kind": "hrvqvae", "hidden": 8, "residual_units": 4, "dim": 2, "quantizer": { "codewords": 2, "layers": 2 } },
        "training": { "steps": 30, "eval_every": 15, "checkpoint_every": 10, "log_every": 5 },
        "evaluation": { "recon_images": 4 } }
      """;

  @TempDir Path tmp;

  private void run(Path dir, boolean resume) throws Exception {
    Path config = tmp.resolve("tiny-events.json");
    Files.writeString(config, TINY);
    ResolvedConfig r = ConfigLoader.resolve(config);
    DataSets data = new DataSets(new DataLocations(tmp.resolve("data"), tmp.resolve("system")));
    RunContext ctx = RunContext.create(r.config(), r.json(), r.hash(), "test", dir, data);
    new Runner(ctx, new PrintStream(new ByteArrayOutputStream()), config.toString()).run(resume);
  }

  @Test
  void eventsHoldEveryLoggedFigureAndTheReconstructionsAndSurviveAResume() throws Exception {
    Path dir = tmp.resolve("run");
    run(dir, false);
    RunDirectory run = new RunDirectory(dir);
    Path events = dir.resolve(RunEvents.FOLDER);
    assertThat(EventReader.files(events)).hasSize(1);
    assertAgreesWithTheLogs(run, TensorBoardView.read(events));

    Summary.Image image = TensorBoardView.read(events).images().get("reconstructions").get(30L);
    BufferedImage png = ImageIO.read(run.picture("reconstructions").toFile());
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.getEncodedImageString().toByteArray()));
    assertThat(List.of(image.getWidth(), image.getHeight(), decoded.getWidth(), decoded.getHeight()))
        .containsExactly(png.getWidth(), png.getHeight(), png.getWidth(), png.getHeight());
    assertThat(image.getEncodedImageString().toByteArray()).isEqualTo(Files.readAllBytes(run.picture("reconstructions")));

    // Resume from step 10: the second process writes a new file that starts by purging steps 11 on.
    dev.hrvq.api.runtime.Checkpoints.deleteTree(run.checkpoints().resolve("ckpt-00000020"));
    dev.hrvq.api.runtime.Checkpoints.deleteTree(run.checkpoints().resolve("ckpt-00000030"));
    run(dir, true);
    List<Path> files = EventReader.files(events);
    assertThat(files).as("the first file is kept").hasSize(2);
    List<Event> second = EventReader.read(files.get(1));
    assertThat(second.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(second.get(1).getSessionLog().getStatus()).isEqualTo(SessionLog.SessionStatus.START);
    assertThat(second.get(1).getStep()).isEqualTo(11);
    assertThat(second.get(2).getStep()).as("the resumed process logs from step 15").isEqualTo(15);
    assertAgreesWithTheLogs(run, TensorBoardView.read(events));
  }

  /** Every loss term, test MSE and usage, perplexity and dead codes per layer, step by step, as the JSON logs hold them. */
  private static void assertAgreesWithTheLogs(RunDirectory run, TensorBoardView view) {
    Map<String, NavigableMap<Long, Float>> expected = new TreeMap<>();
    for (JsonNode line : RunDirectory.readLines(run.losses())) {
      long step = line.get("step").asLong();
      line.fieldNames().forEachRemaining(k -> {
        if (!k.equals("step")) {
          expected.computeIfAbsent("train/" + k, t -> new TreeMap<>()).put(step, line.get(k).floatValue());
        }
      });
    }
    assertThat(expected).containsKeys("train/loss", "train/recon");
    List<JsonNode> metrics = RunDirectory.readLines(run.metrics());
    assertThat(metrics).extracting(m -> m.get("step").asLong()).containsExactly(15L, 30L);
    for (JsonNode m : metrics) {
      long step = m.get("step").asLong();
      expected.computeIfAbsent("test/mse", t -> new TreeMap<>()).put(step, m.get("test_mse").floatValue());
      assertThat(m.get("codebooks")).hasSize(2);
      for (JsonNode c : m.get("codebooks")) {
        String where = "/" + c.get("codes").asText() + "/layer" + c.get("layer").asInt();
        expected.computeIfAbsent("usage" + where, t -> new TreeMap<>()).put(step, c.get("usage").floatValue());
        expected.computeIfAbsent("perplexity" + where, t -> new TreeMap<>()).put(step, c.get("perplexity").floatValue());
        expected.computeIfAbsent("dead_codes" + where, t -> new TreeMap<>()).put(step, c.get("dead").floatValue());
      }
    }
    assertThat(expected).containsKeys("usage/codes/layer1", "usage/codes/layer2", "perplexity/codes/layer1", "perplexity/codes/layer2");
    assertThat(view.scalars()).isEqualTo(expected);
    assertThat(view.images().keySet()).containsExactly("reconstructions");
    assertThat(view.images().get("reconstructions").keySet()).containsExactly(30L);
  }
}
