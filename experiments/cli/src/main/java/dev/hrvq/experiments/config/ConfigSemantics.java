package dev.hrvq.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a schema cannot state simply: which quantizer keys each model kind takes and their
 * kind-specific defaults, and how sizes must fit together. Works on a schema-valid config with
 * the schema defaults applied; fills the kind defaults in place and returns every problem found.
 */
final class ConfigSemantics {
  /** The most global codes (m^n) a tree may have: the library's limit. */
  static final long MAX_CODES = dev.hrvq.quantize.HierarchicalQuantizer.MAX_GLOBAL_CODES;

  private static final String Q = "model.quantizer";
  /** The schema keyword holding a quantizer key's default per model kind. */
  static final String KIND_DEFAULT = "kindDefault";
  /** The schema keyword holding a data key's default for the data sets that use it (only images so far). */
  static final String DATASET_DEFAULT = "datasetDefault";
  /** The data keys only {@code data.dataset images} takes; absent from other configs, so their hashes stay as they were. */
  static final List<String> IMAGE_KEYS = List.of("path", "channels", "test_fraction", "split_seed", "skip_unreadable", "upscale");

  private final ObjectNode config;
  private final ObjectNode quantizer;
  private final String kind;
  private final List<String> problems = new ArrayList<>();

  private ConfigSemantics(ObjectNode config) {
    this.config = config;
    this.quantizer = (ObjectNode) config.get("model").get("quantizer");
    this.kind = config.get("model").get("kind").asText();
  }

  /** Checks {@code config} and fills its kind defaults; the problems, path first, none if it is fine. */
  static List<String> apply(ObjectNode config) {
    ConfigSemantics s = new ConfigSemantics(config);
    switch (s.kind) {
      case "hrvqvae" -> s.hrvqvae();
      case "vqvae" -> s.vqvae();
      case "vqvae2" -> s.vqvae2();
      default -> throw new IllegalStateException("the schema admits model.kind " + s.kind);
    }
    s.images();
    s.sizes();
    s.training();
    return s.problems;
  }

  private void hrvqvae() {
    notFor("levels", "beta");
    int layers = withKindDefault("layers").asInt();
    double beta0 = withKindDefault("beta0").doubleValue();
    if (quantizer.has("betas")) {
      int given = quantizer.get("betas").size();
      if (given != layers) {
        problems.add(Q + ".betas: has " + given + " value(s) but layers is " + layers + "; give one beta per layer");
      }
    } else {
      ArrayNode betas = quantizer.putArray("betas");
      for (int i = 0; i < layers; i++) {
        betas.add(beta0);
      }
    }
    withKindDefault("search");
    int m = quantizer.get("codewords").asInt();
    if (layers > 1 && m < 2) {
      problems.add(Q + ".codewords: a tree of " + layers + " layers needs at least 2 codewords per codebook, got " + m);
    }
    if (Math.pow(m, layers) > MAX_CODES) {
      problems.add(Q + ": codewords^layers = " + m + "^" + layers + " is more than 2^" + Long.numberOfTrailingZeros(MAX_CODES) + " = " + MAX_CODES + " codes");
    }
  }

  private void vqvae() {
    notFor("levels", "beta0", "betas", "search");
    if (quantizer.has("layers")) {
      int layers = quantizer.get("layers").asInt();
      if (layers != 1) {
        problems.add(Q + ".layers: vqvae has one flat codebook, so layers must be absent or 1, got " + layers
            + " (a tree of codebooks is kind hrvqvae)");
      }
      quantizer.remove("layers");
    }
    withKindDefault("beta");
  }

  private void vqvae2() {
    notFor("layers", "beta0", "betas", "search");
    if (quantizer.path("data_init").asBoolean(false)) {
      problems.add(Q + ".data_init: not supported by vqvae2 (hrvqvae and vqvae only); remove it or set false");
    }
    if (quantizer.hasNonNull("dead_code_restart")) {
      problems.add(Q + ".dead_code_restart: not supported by vqvae2 (hrvqvae and vqvae only); remove it or set null");
    }
    if (quantizer.hasNonNull("ema")) {
      problems.add(Q + ".ema: not supported by vqvae2 (hrvqvae and vqvae only); remove it or set null");
    }
    withKindDefault("levels");
    withKindDefault("beta");
  }

  /**
   * The quantizer's value of {@code key}, set first to its default for this kind when absent: the
   * schema's {@code kindDefault}, the one place those defaults are written.
   */
  private JsonNode withKindDefault(String key) {
    if (!quantizer.has(key)) {
      JsonNode d = ConfigSchema.get().at(List.of("model", "quantizer", key)).path(KIND_DEFAULT).get(kind);
      if (d == null) {
        throw new IllegalStateException("experiment.schema.json gives model.quantizer." + key + " no kindDefault for " + kind);
      }
      quantizer.set(key, d.deepCopy());
    }
    return quantizer.get(key);
  }

  private void notFor(String... keys) {
    for (String key : keys) {
      if (quantizer.has(key)) {
        problems.add(Q + "." + key + ": not used by kind " + kind + "; remove it (" + usedBy(key) + ")");
      }
    }
  }

  private static String usedBy(String key) {
    return switch (key) {
      case "levels" -> "vqvae2 only";
      case "beta" -> "vqvae and vqvae2; hrvqvae takes beta0 and betas";
      case "layers" -> "hrvqvae; vqvae allows 1";
      default -> "hrvqvae only";
    };
  }

  /**
   * The image-folder keys: {@code data.path} is required with {@code images} and refused without;
   * the others take their {@code datasetDefault} with {@code images} and must be absent (or null)
   * otherwise, so that a config never holds a key that does nothing.
   */
  private void images() {
    ObjectNode data = (ObjectNode) config.get("data");
    String dataset = data.get("dataset").asText();
    for (String key : IMAGE_KEYS) {
      boolean given = data.hasNonNull(key);
      if (!dataset.equals("images")) {
        if (given) {
          problems.add("data." + key + ": only used with data.dataset images; remove it");
        }
        data.remove(key);
      } else if (key.equals("path")) {
        if (!given) {
          problems.add("data.path: required with data.dataset images: the folder of your images (relative to the current folder)");
        }
      } else if (!data.has(key)) {
        JsonNode d = ConfigSchema.get().at(List.of("data", key)).path(DATASET_DEFAULT).get(dataset);
        if (d == null) {
          throw new IllegalStateException("experiment.schema.json gives data." + key + " no datasetDefault for " + dataset);
        }
        data.set(key, d.deepCopy());
      }
    }
  }

  private void sizes() {
    JsonNode data = config.get("data");
    String dataset = data.get("dataset").asText();
    int size = data.get("image_size").asInt();
    int downsample = config.get("model").get("downsample").asInt();
    switch (dataset) {
      case "mnist", "fashion-mnist" -> {
        if (size < 28) {
          problems.add("data.image_size: " + dataset + " images are 28x28 (padded up to image_size), so image_size must be >= 28, got " + size);
        }
      }
      case "patches32" -> {
        if (size != 32) {
          problems.add("data.image_size: patches32 images are 32x32, so image_size must be 32, got " + size);
        }
      }
      default -> { }
    }
    if (size % downsample != 0) {
      problems.add("data.image_size: " + size + " is not divisible by model.downsample " + downsample);
    } else if (kind.equals("vqvae2")) {
      int levels = quantizer.get("levels").asInt();
      int bottom = size / downsample;
      if (bottom % (1 << (levels - 1)) != 0) {
        problems.add("data.image_size: vqvae2 with " + levels + " levels halves the bottom latent size "
            + bottom + " (image_size / downsample) " + (levels - 1) + " times, so it must be divisible by " + (1 << (levels - 1)));
      }
    }
  }

  private void training() {
    JsonNode optimizer = config.get("optimizer");
    int steps = config.get("training").get("steps").asInt();
    int warmup = optimizer.get("warmup_steps").asInt();
    if (warmup > steps) {
      problems.add("optimizer.warmup_steps: " + warmup + " is more than training.steps " + steps);
    }
    if (config.get("evaluation").get("use_averaged").asBoolean() && optimizer.get("polyak_decay").asDouble() == 0) {
      problems.add("evaluation.use_averaged: needs averaged weights; set optimizer.polyak_decay > 0 or use_averaged false");
    }
  }
}
