package dev.hrvq.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.report.Charts;
import dev.hrvq.experiments.report.ImageGrid;
import dev.hrvq.experiments.report.LossCurves;
import dev.hrvq.models.CompiledVq;
import dev.hrvq.models.VqAutoencoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The PNGs of a run: reconstructions through every useful subset of layers (the paper's Fig. 1),
 * loss curves, and codebook usage per layer.
 */
public final class Pictures {
  private Pictures() {}

  static void write(RunContext ctx, CompiledVq vq, Evaluation.Result evaluation) {
    int n = Math.min(ctx.config().evaluation().reconImages(), ctx.test().n());
    reconstructions(ctx.test(), vq, n, ctx.run().picture("reconstructions"));
    lossCurves(ctx.run(), ctx.config().name());
    List<long[]> counts = new ArrayList<>();
    evaluation.layers().forEach(h -> counts.add(h.counts()));
    Charts.codebookUsage(ctx.run().picture("codebook_usage"), ctx.config().name() + ": codebook usage over the test split", counts);
  }

  /**
   * Originals, then reconstructions through all layers, layers 2..n, and layer n only (HR-VQVAE;
   * levels for VQ-VAE-2), one image per column.
   */
  public static Path reconstructions(Dataset test, CompiledVq vq, int n, Path png) {
    int[] first = new int[n];
    for (int i = 0; i < n; i++) {
      first[i] = i;
    }
    float[] originals = test.batch(first);
    ImageGrid.Builder grid = ImageGrid.builder(test.h(), test.w(), test.c()).scale(test.h() <= 32 ? 3 : 1).row("original", originals, n);
    subsets(vq.model()).forEach((label, layers) -> grid.row(label, vq.reconstruct(originals, n, layers), n));
    return grid.write(png);
  }

  /** The subsets worth showing, with their row labels. */
  static Map<String, Set<Integer>> subsets(VqAutoencoder model) {
    Set<Integer> all = model.allLayers();
    int last = all.size();
    String unit = model.kind() == dev.hrvq.models.ModelKind.VQVAE2 ? "level" : "layer";
    Map<String, Set<Integer>> out = new LinkedHashMap<>();
    out.put(last == 1 ? "reconstruction" : "all " + unit + "s", all);
    if (last > 2) {
      TreeSet<Integer> upper = new TreeSet<>(all);
      upper.remove(1);
      out.put(unit + "s 2.." + last, upper);
    }
    if (last > 1) {
      out.put(unit + " " + last + " only", Set.of(last));
    }
    return out;
  }

  /** {@code loss_curves.png}: the training terms of losses.jsonl and test MSE of metrics.jsonl. */
  static void lossCurves(RunDirectory run, String runName) {
    Map<String, List<double[]>> points = new LinkedHashMap<>();
    for (JsonNode line : RunDirectory.readLines(run.losses())) {
      double step = line.get("step").asDouble();
      line.fieldNames().forEachRemaining(k -> {
        if (!k.equals("step") && !k.startsWith("usage") && !k.startsWith("perplexity")) {
          points.computeIfAbsent(k, x -> new ArrayList<>()).add(new double[] {step, line.get(k).asDouble()});
        }
      });
    }
    for (JsonNode line : RunDirectory.readLines(run.metrics())) {
      points.computeIfAbsent("test_mse", x -> new ArrayList<>()).add(new double[] {line.get("step").asDouble(), line.get("test_mse").asDouble()});
    }
    if (points.isEmpty()) {
      return;
    }
    Map<String, double[][]> series = new LinkedHashMap<>();
    points.forEach((k, v) -> series.put(k, v.toArray(double[][]::new)));
    LossCurves.write(run.picture("loss_curves"), runName, series);
  }
}
