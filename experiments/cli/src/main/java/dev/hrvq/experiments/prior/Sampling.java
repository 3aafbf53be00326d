package dev.hrvq.experiments.prior;

import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.report.ImageGrid;
import dev.hrvq.experiments.run.RunDirectory;
import java.nio.file.Path;
import java.util.Map;

/** Writes sampled images as a PNG grid (the first {@link #SHOWN}) and all their codes as JSON. */
final class Sampling {
  /** The samples the grid shows: 8 rows of 8; 10,000 samples for an FID would make a picture 80,000 pixels tall. */
  static final int SHOWN = 64;

  private Sampling() {}

  static void write(Path dir, float[] samples, int n, Dataset like, Map<String, long[]> codes) {
    int scale = like.h() <= 32 ? 2 : 1;
    int shown = Math.min(n, SHOWN);
    float[] first = java.util.Arrays.copyOf(samples, shown * like.h() * like.w() * like.c());
    ImageGrid.tile(first, shown, like.h(), like.w(), like.c(), Math.min(shown, 8), scale, dir.resolve("samples.png"));
    RunDirectory.writeJson(dir.resolve("samples-codes.json"), codes);
  }
}
