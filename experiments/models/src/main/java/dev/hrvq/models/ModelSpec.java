package dev.hrvq.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hrvq.quantize.EmaOptions;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;
import dev.hrvq.quantize.VectorQuantizer;
import java.util.Map;

/**
 * Everything that decides a model's variables and graph: its kind, architecture and quantizer.
 * {@link #build} makes the model; {@link #toJson} is what every checkpoint manifest records (key
 * {@code model}), so {@link Inference} rebuilds the model from a checkpoint folder alone.
 *
 * @param layers tree depth (hrvqvae; 1 for vqvae; unused by vqvae2)
 * @param levels levels (vqvae2 only; 0 otherwise)
 * @param beta commitment weight (vqvae, vqvae2)
 * @param beta0 weight of the combined terms (hrvqvae)
 * @param betas one commitment weight per layer (hrvqvae)
 * @param search tree or flat search (hrvqvae)
 * @param ema EMA codebook updates, or null for none (hrvqvae, vqvae)
 */
public record ModelSpec(ModelKind kind, Architecture architecture, int codewords, int layers, int levels,
    float beta, float beta0, float[] betas, Search search, EmaOptions ema) {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  /** The model this spec describes (fresh; it holds no weights), all in float32. */
  public VqAutoencoder build() {
    return build(Precision.FP32);
  }

  /**
   * The model this spec describes with its convolution stacks in {@code precision}. Precision is
   * not part of the spec: the same weights run in either (the checkpoint manifest records the one
   * a run trained in, see {@link Inference#describe}).
   */
  public VqAutoencoder build(Precision precision) {
    return switch (kind) {
      case HRVQVAE -> {
        var b = HierarchicalQuantizer.builder().setCodewords(codewords).setLayers(layers).optSearch(search);
        if (ema != null) {
          b.optEma(ema);
        }
        yield new HrVqVae(architecture, b.build(), beta0, betas, precision);
      }
      case VQVAE -> {
        var b = VectorQuantizer.builder(codewords);
        if (ema != null) {
          b.optEma(ema);
        }
        yield new VqVae(architecture, b.build(), beta, precision);
      }
      case VQVAE2 -> new VqVae2(architecture, levels, codewords, beta, precision);
    };
  }

  /** This spec as JSON-ready values (snake_case keys), for a checkpoint manifest. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> toJson() {
    return JSON.convertValue(this, Map.class);
  }

  /** The spec a manifest recorded; a malformed one is an error naming what is wrong. */
  public static ModelSpec fromJson(Map<String, Object> json) {
    try {
      return JSON.convertValue(json, ModelSpec.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the model description is not one hrvq " + ModelSpec.class.getSimpleName()
          + " can read: " + e.getMessage(), e);
    }
  }
}
