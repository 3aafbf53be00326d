package dev.hrvq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one finished run directory, as {@code compare} and {@code sweep} tabulate them,
 * read from its files only ({@code summary.json}, {@code config.json}, {@code metrics.jsonl}):
 * test MSE, per layer the share of codes used, dead codes and perplexity, the code entropy in bits
 * per position (the sum over layers of log2 perplexity: what an ideal code for each position alone
 * would need), how many codebook layers and leaf codewords the model has, the FID and KID (LeNet
 * features) the run measured, the prior's test bits per position when the run is a prior, and the
 * speed.
 */
public record RunFigures(Path dir, String name, JsonNode config, JsonNode summary, List<JsonNode> metrics) {
  /** Column: how many codebook layers (tree layers, VQ-VAE-2 levels; 1 for VQ-VAE) the model has. */
  public static final String CODEBOOK_LAYERS = "codebook_layers";
  /**
   * Column: the size of the largest codebook layer: m^n for the tree (its last layer, one codeword
   * per leaf), K for VQ-VAE and for each VQ-VAE-2 level; the paper's "number of codewords" (Fig. 6).
   */
  public static final String LEAF_CODEWORDS = "leaf_codewords";
  /** Column: the share of leaf codewords used over the test split (the mean over layers of the leaf size). */
  public static final String LEAF_USAGE = "leaf_usage";
  /** Column: the perplexity of the leaf codes (the mean over layers of the leaf size). */
  public static final String LEAF_PERPLEXITY = "leaf_perplexity";
  /** Columns copied from summary.json when present: FID and KID (LeNet features) of reconstructions or samples. */
  public static final List<String> DISTANCES = List.of("fid_lenet_reconstructions", "kid_lenet_reconstructions", "fid_lenet_samples",
      "kid_lenet_samples");

  /** Reads a run directory; a run without {@code summary.json} has not finished and is refused, naming what to do. */
  public static RunFigures read(Path dir) {
    RunDirectory run = new RunDirectory(dir);
    if (!Files.isRegularFile(run.config())) {
      throw new IllegalArgumentException(dir + " is not a run directory (no config.json); pass folders written by ./hrvq run");
    }
    if (!Files.isRegularFile(run.summary())) {
      throw new IllegalArgumentException(dir + " has not finished (no summary.json); finish it with ./hrvq run CONFIG --out " + dir + " --resume");
    }
    JsonNode config = RunDirectory.readJson(run.config());
    JsonNode summary = RunDirectory.readJson(run.summary());
    List<JsonNode> metrics = Files.exists(run.metrics()) ? RunDirectory.readLines(run.metrics()) : List.of();
    return new RunFigures(dir, config.path("name").asText(dir.getFileName().toString()), config, summary, metrics);
  }

  /**
   * The run directories {@code paths} name: a sweep folder (written by {@code hrvq sweep}) stands
   * for its finished points, in sweep order, each followed by its prior where it has one.
   */
  public static List<Path> expandSweeps(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      Path record = p.resolve("sweep.json");
      if (Files.isRegularFile(record) && dev.hrvq.experiments.output.OwnerMark.isMarked(p, "sweep")) {
        for (JsonNode point : RunDirectory.readJson(record).path("points")) {
          for (Path run : List.of(p.resolve(point.path("point").asText()), p.resolve(point.path("point").asText() + "-prior"))) {
            if (Files.isRegularFile(new RunDirectory(run).summary())) {
              out.add(run);
            }
          }
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** Whether this is a prior run (its figures are bits per position, not reconstructions). */
  public boolean isPrior() {
    return RunDirectory.Kind.of(config) == RunDirectory.Kind.PRIOR;
  }

  /** The value at a dotted config path, or null when the config has none. */
  public JsonNode configValue(String dotted) {
    JsonNode at = config;
    for (String key : dotted.split("\\.")) {
      at = at.path(key);
    }
    return at.isMissingNode() ? null : at;
  }

  /**
   * The table columns, in order: test MSE, then per layer {@code usage_<codes>_l<n>},
   * {@code dead_...}, {@code perplexity_...}, then {@code code_bits}, {@link #CODEBOOK_LAYERS},
   * {@link #LEAF_CODEWORDS}, {@link #LEAF_USAGE} and {@link #LEAF_PERPLEXITY} (VQ runs), the {@link #DISTANCES} the summary has, {@code bits_<map>}
   * (priors), then {@code steps_per_second} and {@code wall_seconds}.
   */
  public Map<String, Object> columns() {
    Map<String, Object> c = new LinkedHashMap<>();
    if (summary.has("test_mse")) {
      c.put("test_mse", summary.path("test_mse").asDouble());
    }
    double codeBits = 0;
    boolean anyLayer = false;
    for (JsonNode layer : summary.path("codebooks")) {
      String suffix = layer.path("codes").asText() + "_l" + layer.path("layer").asInt();
      c.put("usage_" + suffix, layer.path("usage").asDouble());
      c.put("dead_" + suffix, layer.path("dead").asInt());
      c.put("perplexity_" + suffix, layer.path("perplexity").asDouble());
      codeBits += Math.log(layer.path("perplexity").asDouble()) / Math.log(2);
      anyLayer = true;
    }
    if (anyLayer) {
      c.put("code_bits", codeBits);
      c.put(CODEBOOK_LAYERS, summary.path("codebooks").size());
      int leaves = 0;
      for (JsonNode layer : summary.path("codebooks")) {
        leaves = Math.max(leaves, layer.path("size").asInt());
      }
      c.put(LEAF_CODEWORDS, leaves);
      // Usage and perplexity of the leaf layers: the tree's last layer, VQ-VAE's codebook, the
      // mean over VQ-VAE-2's levels (all of one size): where a collapse shows.
      double usage = 0;
      double perplexity = 0;
      int count = 0;
      for (JsonNode layer : summary.path("codebooks")) {
        if (layer.path("size").asInt() == leaves) {
          usage += layer.path("usage").asDouble();
          perplexity += layer.path("perplexity").asDouble();
          count++;
        }
      }
      c.put(LEAF_USAGE, usage / count);
      c.put(LEAF_PERPLEXITY, perplexity / count);
    }
    for (String distance : DISTANCES) {
      if (summary.path(distance).isNumber()) {
        c.put(distance, summary.path(distance).asDouble());
      }
    }
    summary.path("test_bits_per_position").properties().forEach(e -> c.put("bits_" + e.getKey(), e.getValue().asDouble()));
    JsonNode speed = summary.path("training_speed");
    if (!speed.isMissingNode()) {
      c.put("steps_per_second", speed.path("steps_per_second").asDouble());
      c.put("wall_seconds", speed.path("wall_seconds").asDouble());
    }
    return c;
  }

  /** Test MSE by step from metrics.jsonl, as {step, value} points. */
  public double[][] testMseCurve() {
    return curve(m -> m.path("test_mse"));
  }

  /** Share of codes used by step, one curve per layer (in the order summary.json lists them). */
  public List<double[][]> usageCurves() {
    List<double[][]> out = new ArrayList<>();
    int layers = summary.path("codebooks").size();
    for (int i = 0; i < layers; i++) {
      int index = i;
      out.add(curve(m -> m.path("codebooks").path(index).path("usage")));
    }
    return out;
  }

  private double[][] curve(java.util.function.Function<JsonNode, JsonNode> value) {
    List<double[]> points = new ArrayList<>();
    for (JsonNode m : metrics) {
      JsonNode v = value.apply(m);
      if (v.isNumber()) {
        points.add(new double[] {m.path("step").asDouble(), v.asDouble()});
      }
    }
    return points.toArray(new double[0][]);
  }
}
