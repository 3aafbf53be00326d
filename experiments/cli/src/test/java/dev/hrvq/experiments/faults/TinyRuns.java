package dev.hrvq.experiments.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny synthetic experiment the fault tests train: 30 steps, checkpoints at 10, 20, 30. */
final class TinyRuns {
  static final String CONFIG = """
      { "name": "tiny-faults",
        "data": { "dataset": "synthetic", "image_size": 16, "batch_size": 8, "train_limit": 64, "test_limit": 16 },
        "model": { "kind": "hrvqvae", "hidden": 8, "residual_units": 4, "dim": 2, "quantizer": { "codewords": 2, "layers": 2 } },
        "training": { "steps": 30, "eval_every": 15, "checkpoint_every": 10, "log_every": 5 },
        "evaluation": { "recon_images": 4 } }
      """;

  private TinyRuns() {}

  static Path config(Path dir) throws IOException {
    Path file = dir.resolve("tiny-faults.json");
    Files.writeString(file, CONFIG);
    return file;
  }

  /** Trains the tiny config into {@code dir} and checks that it succeeded. */
  static void train(Path config, Path dir, String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "run";
    args[1] = config.toString();
    args[2] = "--out=" + dir;
    System.arraycopy(extra, 0, args, 3, extra.length);
    Cli r = Cli.run(args);
    assertThat(r.code()).as(r.all()).isZero();
  }
}
