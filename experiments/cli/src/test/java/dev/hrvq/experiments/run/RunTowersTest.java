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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --devices}: a run whose steps are split across two devices of this process logs what
 * the run in one piece logs (tolerance 1e-5: the towers' sums run in another float32 order), and
 * records the devices; bad device lists are refused naming the device.
 */
class RunTowersTest {
  private static final String TINY = """
      { "name": "tiny",
        "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 16, "train_limit": 256, "test_limit": 64 },
        "model": { "kind": "hrvqvae", "hidden": 16, "residual_units": 8, "dim": 4,
                   "quantizer": { "codewords": 4, "layers": 2, "ema": { "decay": 0.9 }, "data_init": true } },
        "optimizer": { "learning_rate": 0.002 },
        "training": { "steps": 20, "eval_every": 10, "checkpoint_every": 10, "log_every": 1 },
        "evaluation": { "recon_images": 6 } }
      """;

  @TempDir Path tmp;

  private void run(Path dir, Towers towers) throws IOException {
    Path config = Files.writeString(tmp.resolve("tiny.json"), TINY);
    ResolvedConfig r = ConfigLoader.resolve(config);
    RunContext ctx = RunContext.create(r.config(), r.json(), r.hash(), "test", dir, DataSets.fromEnvironment());
    new Runner(ctx, new PrintStream(new ByteArrayOutputStream()), config.toString(), towers).run(false);
  }

  @Test
  void twoDevicesLogWhatOnePieceLogs() throws IOException {
    Path one = tmp.resolve("one");
    Path two = tmp.resolve("two");
    run(one, Towers.none());
    run(two, Towers.onDevices(List.of("/device:CPU:0", "/device:CPU:1"), List::of));
    List<JsonNode> a = RunDirectory.readLines(one.resolve("losses.jsonl"));
    List<JsonNode> b = RunDirectory.readLines(two.resolve("losses.jsonl"));
    assertThat(b).hasSize(20).hasSameSizeAs(a);
    for (int i = 0; i < a.size(); i++) {
      JsonNode x = a.get(i);
      JsonNode y = b.get(i);
      x.fieldNames().forEachRemaining(k -> assertThat(y.get(k).asDouble()).as(k).isCloseTo(x.get(k).asDouble(),
          org.assertj.core.data.Offset.offset(1e-5)));
    }
    assertThat(RunDirectory.readJson(two.resolve("summary.json")).get("test_mse").asDouble())
        .isCloseTo(RunDirectory.readJson(one.resolve("summary.json")).get("test_mse").asDouble(), org.assertj.core.data.Offset.offset(1e-5));
    assertThat(RunDirectory.readJson(two.resolve("config.json")).get(Towers.DEVICES_KEY).toString())
        .isEqualTo("[\"/device:CPU:0\",\"/device:CPU:1\"]");
    assertThat(RunDirectory.unstamped(RunDirectory.readJson(two.resolve("config.json"))))
        .isEqualTo(RunDirectory.unstamped(RunDirectory.readJson(one.resolve("config.json"))));
  }

  @Test
  void badDeviceListsAreRefusedNamingTheDevice() {
    List<String> cpuOnly = List.of("/job:localhost/replica:0/task:0/device:CPU:0");
    assertThatThrownBy(() -> Towers.onDevices(List.of("/device:GPU:0"), () -> cpuOnly)).hasMessageContaining("at least two");
    assertThatThrownBy(() -> Towers.onDevices(List.of("/device:CPU:0", "gpu1"), () -> cpuOnly)).hasMessageContaining("'gpu1'");
    assertThatThrownBy(() -> Towers.onDevices(List.of("/device:CPU:0", "/device:cpu:0"), () -> cpuOnly)).hasMessageContaining("twice");
    assertThatThrownBy(() -> Towers.onDevices(List.of("/device:GPU:0", "/device:GPU:1"), () -> cpuOnly))
        .hasMessageContaining("/device:GPU:0 is not a device TensorFlow sees").hasMessageContaining("HRVQ_GPU=1");
    List<String> oneGpu = List.of("/job:localhost/replica:0/task:0/device:CPU:0", "/job:localhost/replica:0/task:0/device:GPU:0");
    assertThatThrownBy(() -> Towers.onDevices(List.of("/device:GPU:0", "/device:GPU:1"), () -> oneGpu))
        .hasMessageContaining("/device:GPU:1 is not").hasMessageNotContaining("HRVQ_GPU");
  }
}
