package dev.hrvq.models;

import dev.hrvq.api.runtime.CheckpointManifest;
import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.api.runtime.Program;
import dev.hrvq.api.runtime.Trainer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained model opened for inference from a run directory or a checkpoint folder alone: no data
 * set, no optimizer. The checkpoint's manifest records what built the model ({@link ModelSpec}) and
 * which weights to use; only those weights are read, so a checkpoint trained with any optimizer
 * opens.
 *
 * <pre>{@code
 * try (Inference vq = Inference.open(Path.of("runs/quickstart"))) {
 *   Map<String, long[]> codes = vq.encode(images, n);                   // n x 32 x 32 x 1 floats in [0, 1]
 *   float[] coarse = vq.decode(codes, n, Set.of(1));                      // layer 1 only
 *   List<BufferedImage> again = vq.reconstruct(pictures, vq.model().allLayers());
 *   vq.exportSavedModel(Path.of("exported"));
 * }
 * }</pre>
 */
public final class Inference implements AutoCloseable {
  /** Keys of the model description in a checkpoint manifest ({@link #describe}). */
  static final String SPEC = "spec";
  static final String WEIGHTS = "inference_weights";
  static final String AVERAGES = "averages";
  static final String PARAMETERS = "parameters";
  static final String PRECISION = "precision";

  private final Path checkpoint;
  private final ModelSpec spec;
  private final VqAutoencoder model;
  private final Trainer trainer;
  private final CompiledVq vq;

  private Inference(Path checkpoint, ModelSpec spec, VqAutoencoder model, Trainer trainer) {
    this.checkpoint = checkpoint;
    this.spec = spec;
    this.model = model;
    this.trainer = trainer;
    this.vq = new CompiledVq(trainer, model, false);
  }

  /**
   * The model description a trainer records in its checkpoints ({@code Trainer.Builder.optModel}):
   * the spec, whether inference reads the Polyak averages or the parameters, and the precision the
   * model trained in (what {@link #open(Path)} computes in).
   */
  public static Map<String, Object> describe(ModelSpec spec, boolean useAverages, Precision precision) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put(SPEC, spec.toJson());
    d.put(WEIGHTS, useAverages ? AVERAGES : PARAMETERS);
    d.put(PRECISION, precision.label());
    return d;
  }

  /** {@link #describe(ModelSpec, boolean, Precision)} of a float32 model. */
  public static Map<String, Object> describe(ModelSpec spec, boolean useAverages) {
    return describe(spec, useAverages, Precision.FP32);
  }

  /** The precision a checkpoint's model description records; fp32 for manifests written before hrvq recorded one. */
  public static Precision precisionOf(CheckpointManifest manifest) {
    Object p = manifest.model() == null ? null : manifest.model().get(PRECISION);
    return p == null ? Precision.FP32 : Precision.fromLabel(p.toString());
  }

  /**
   * Opens {@code path}: a run directory (its newest intact checkpoint under {@code checkpoints/})
   * or a checkpoint folder (one holding {@code manifest.json}), computing in the precision the model
   * trained in.
   */
  public static Inference open(Path path) {
    return open(path, null);
  }

  /** {@link #open(Path)} computing in {@code precision} (null: the one the model trained in). */
  public static Inference open(Path path, Precision precision) {
    Path checkpoint = checkpointOf(path);
    CheckpointManifest manifest = Checkpoints.readManifest(checkpoint);
    Map<String, Object> description = manifest.model();
    if (description == null || !(description.get(SPEC) instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("checkpoint " + checkpoint + " records no model description (it was written before hrvq 0.2.0 "
          + "or by a Trainer without optModel); build the model in Java and restore it with Trainer.restoreWeights");
    }
    @SuppressWarnings("unchecked")
    ModelSpec spec = ModelSpec.fromJson((Map<String, Object>) description.get(SPEC));
    VqAutoencoder model = spec.build(precision != null ? precision : precisionOf(manifest));
    Trainer trainer = Trainer.builder().setModel(model.model()).build();
    try {
      trainer.restoreWeights(checkpoint, AVERAGES.equals(description.get(WEIGHTS)));
    } catch (RuntimeException e) {
      trainer.close();
      throw e;
    }
    return new Inference(checkpoint, spec, model, trainer);
  }

  private static Path checkpointOf(Path path) {
    if (Files.isRegularFile(path.resolve("manifest.json"))) {
      return path;
    }
    Path checkpoints = path.resolve("checkpoints");
    if (Files.isDirectory(checkpoints)) {
      List<String> skipped = new ArrayList<>();
      return Checkpoints.latestIntact(checkpoints, skipped::add).orElseThrow(() -> new IllegalArgumentException(
          "run " + path + " has no intact checkpoint in " + checkpoints + (skipped.isEmpty() ? "" : ": " + String.join("; ", skipped))));
    }
    throw new IllegalArgumentException(path + " is neither a run directory (with checkpoints/) nor a checkpoint folder (with manifest.json)");
  }

  /** The checkpoint folder the weights came from. */
  public Path checkpoint() {
    return checkpoint;
  }

  /** The training step of that checkpoint. */
  public long step() {
    return trainer.stepCount();
  }

  public ModelSpec spec() {
    return spec;
  }

  public VqAutoencoder model() {
    return model;
  }

  /** Every code map of {@code n} images ({@code n x size x size x channels} floats in [0, 1], NHWC). */
  public Map<String, long[]> encode(float[] images, int n) {
    return vq.encode(images, n);
  }

  /** Images from code maps through the chosen layers (1-based; {@code model().allLayers()} for all). */
  public float[] decode(Map<String, long[]> codes, int n, Set<Integer> layers) {
    return vq.decode(codes, n, layers);
  }

  /** Reconstructions of {@code n} images through the chosen layers. */
  public float[] reconstruct(float[] images, int n, Set<Integer> layers) {
    return vq.reconstruct(images, n, layers);
  }

  /**
   * Reconstructions of pictures of the model's size (grayscale for a one-channel model, RGB for
   * three), as pictures of the same kind.
   */
  public List<BufferedImage> reconstruct(List<BufferedImage> pictures, Set<Integer> layers) {
    Pictures p = new Pictures(model.imageSpec());
    float[] out = vq.reconstruct(p.toFloats(pictures), pictures.size(), layers);
    return p.toImages(out, pictures.size());
  }

  /** The code maps of pictures of the model's size. */
  public Map<String, long[]> encode(List<BufferedImage> pictures) {
    return vq.encode(new Pictures(model.imageSpec()).toFloats(pictures), pictures.size());
  }

  /** Pictures decoded from code maps through the chosen layers. */
  public List<BufferedImage> decodeToImages(Map<String, long[]> codes, int n, Set<Integer> layers) {
    return new Pictures(model.imageSpec()).toImages(vq.decode(codes, n, layers), n);
  }

  /**
   * Writes an inference-only SavedModel to {@code dir} (which must not exist). Signature
   * {@code serving_default}: input {@code x}, float32 {@code [-1, size, size, channels]} in [0, 1];
   * outputs {@code x_hat}, float32 of the same shape (reconstruction through all layers), and each
   * code map of {@link VqAutoencoder#codeSpecs} (int64 {@code [-1, h, w]}; {@code codes} for
   * HR-VQVAE and VQ-VAE: the last layer's global codes, which fix every layer's).
   */
  public void exportSavedModel(Path dir) {
    // reconstruct gives x_hat and the code maps from one pass of the encoder.
    trainer.exportSavedModel(dir, Map.of("x", model.imageSpec()), model.reconstruct(model.allLayers()), false);
  }

  @Override
  public void close() {
    trainer.close();
  }
}
