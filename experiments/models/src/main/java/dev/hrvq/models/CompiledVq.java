package dev.hrvq.models;

import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.InputSpec;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.quantize.Quantizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A VQ autoencoder bound to a trainer's variables, as plain Java calls on arrays: encode images to
 * codes, decode codes to images, reconstruct. Functions are compiled on first use and reused.
 * Images are {@code n x size x size x channels} floats in NHWC order; codes are row-major maps.
 */
public final class CompiledVq {
  private final Trainer trainer;
  private final VqAutoencoder model;
  private final boolean averaged;
  private final Map<String, CompiledFunction> functions = new LinkedHashMap<>();

  /**
   * @param averaged use the Polyak-averaged parameters (the trainer must keep them)
   */
  public CompiledVq(Trainer trainer, VqAutoencoder model, boolean averaged) {
    this.trainer = trainer;
    this.model = model;
    this.averaged = averaged;
  }

  public VqAutoencoder model() {
    return model;
  }

  /** Every code map of {@code n} images. */
  public Map<String, long[]> encode(float[] images, int n) {
    CompiledFunction f = function("encode", () -> trainer.function(name("encode"), Map.of("x", model.imageSpec()), model.encode(), averaged));
    try (TFloat32 x = images(images, n); Outputs out = f.call(Map.of("x", x))) {
      Map<String, long[]> codes = new LinkedHashMap<>();
      for (String name : model.codeSpecs().keySet()) {
        codes.put(name, out.longs(name));
      }
      return codes;
    }
  }

  /** Images from code maps, through the chosen layers (1-based); codes out of range are an error. */
  public float[] decode(Map<String, long[]> codes, int n, Set<Integer> layers) {
    String key = "decode" + suffix(layers);
    CompiledFunction f = function(key, () -> trainer.function(name(key), model.codeSpecs(), model.decode(layers), averaged));
    Map<String, Tensor> feeds = new LinkedHashMap<>();
    try {
      model.codeSpecs().forEach((name, spec) -> {
        long[] c = codes.get(name);
        if (c == null) {
          throw new IllegalArgumentException("missing code map '" + name + "'; the model decodes " + model.codeSpecs().keySet());
        }
        Quantizer.checkRange("code map '" + name + "'", c, model.codeRanges().get(name));
        feeds.put(name, TInt64.tensorOf(withBatch(spec, n, c.length, name), DataBuffers.of(c, true, false)));
      });
      try (Outputs out = f.call(feeds)) {
        return out.floats("x_hat");
      }
    } finally {
      feeds.values().forEach(Tensor::close);
    }
  }

  /** Reconstructions of {@code n} images through the chosen layers (all: {@code model().allLayers()}). */
  public float[] reconstruct(float[] images, int n, Set<Integer> layers) {
    return reconstructWithCodes(images, n, layers).images();
  }

  /** Reconstructed images and the code maps they came from (as {@link #encode} gives them). */
  public record Reconstruction(float[] images, Map<String, long[]> codes) {}

  /**
   * Reconstructions of {@code n} images through the chosen layers and every code map, from one
   * pass of the encoder: what {@link #reconstruct} and {@link #encode} give, for half the work.
   */
  public Reconstruction reconstructWithCodes(float[] images, int n, Set<Integer> layers) {
    String key = "reconstruct" + suffix(layers);
    CompiledFunction f = function(key, () -> trainer.function(name(key), Map.of("x", model.imageSpec()), model.reconstruct(layers), averaged));
    try (TFloat32 x = images(images, n); Outputs out = f.call(Map.of("x", x))) {
      Map<String, long[]> codes = new LinkedHashMap<>();
      for (String name : model.codeSpecs().keySet()) {
        codes.put(name, out.longs(name));
      }
      return new Reconstruction(out.floats("x_hat"), codes);
    }
  }

  private CompiledFunction function(String key, Supplier<CompiledFunction> build) {
    return functions.computeIfAbsent(key, k -> build.get());
  }

  private String name(String key) {
    return key + (averaged ? "_avg" : "");
  }

  private static String suffix(Set<Integer> layers) {
    StringBuilder s = new StringBuilder();
    new TreeSet<>(layers).forEach(i -> s.append('_').append(i));
    return s.toString();
  }

  private TFloat32 images(float[] images, int n) {
    Shape shape = model.imageSpec().shape();
    return Tensors.of(images, n, shape.get(1), shape.get(2), shape.get(3));
  }

  private static Shape withBatch(InputSpec spec, int n, int length, String name) {
    long[] dims = spec.shape().asArray();
    dims[0] = n;
    Shape shape = Shape.of(dims);
    if (shape.size() != length) {
      throw new IllegalArgumentException("code map '" + name + "' has " + length + " codes; " + n + " images need " + shape.size());
    }
    return shape;
  }
}
