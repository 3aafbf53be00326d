package dev.hrvq.experiments.prior;

import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.report.ImageGrid;
import dev.hrvq.experiments.run.RunDirectory;
import java.nio.file.Path;
import java.util.Map;

/** Writes sampled images as a PNG grid and their codes as JSON. */
final class Sampling {
  private Sampling() {}

  static void write(Path dir, float[] samples, int n, Dataset like, Map<String, long[]> codes) {
    int scale = like.h() <= 32 ? 2 : 1;
    ImageGrid.tile(samples, n, like.h(), like.w(), like.c(), Math.min(n, 8), scale, dir.resolve("samples.png"));
    RunDirectory.writeJson(dir.resolve("samples-codes.json"), codes);
  }
}
