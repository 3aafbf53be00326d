package dev.hrvq.experiments.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.hrvq.experiments.data.ImageFolderOptions;
import dev.hrvq.models.Architecture;
import dev.hrvq.models.ModelKind;
import dev.hrvq.models.ModelSpec;
import dev.hrvq.quantize.EmaOptions;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;
import java.nio.file.Path;

/**
 * One experiment, as read from its JSON (after {@code extends} is resolved, defaults applied and
 * every value validated by {@link ConfigLoader}). Field names are the JSON keys in camelCase;
 * the JSON uses snake_case ({@code batch_size}).
 */
public record ExperimentConfig(
    String name,
    String description,
    long seed,
    String precision,
    DataConfig data,
    ModelConfig model,
    OptimizerConfig optimizer,
    TrainingConfig training,
    EvaluationConfig evaluation,
    OutputConfig output) {

  /**
   * Which images, at what size, in what batches. The image-folder keys ({@code path} to
   * {@code upscale}) are set only for {@code dataset} {@code images}, null otherwise.
   */
  public record DataConfig(String dataset, int imageSize, int batchSize, Integer trainLimit, Integer testLimit,
      String path, Integer channels, Double testFraction, Integer splitSeed, Boolean skipUnreadable, Boolean upscale) {

    /** A named data set's config (no image-folder keys). */
    public DataConfig(String dataset, int imageSize, int batchSize, Integer trainLimit, Integer testLimit) {
      this(dataset, imageSize, batchSize, trainLimit, testLimit, null, null, null, null, null, null);
    }

    /** True for {@code dataset} {@code images}: the user's own folder. */
    public boolean isImageFolder() {
      return "images".equals(dataset);
    }

    /** How to read the image folder; only for {@link #isImageFolder()}. */
    public ImageFolderOptions imageFolder() {
      if (!isImageFolder()) {
        throw new IllegalStateException("data.dataset " + dataset + " is not an image folder");
      }
      return new ImageFolderOptions(Path.of(path), imageSize, channels, testFraction, splitSeed, skipUnreadable, upscale);
    }
  }

  /** The model: {@code kind} is {@code hrvqvae}, {@code vqvae} or {@code vqvae2}; the quantizer's record follows it. */
  public record ModelConfig(
      String kind, int hidden, int residualUnits, int dim, int downsample,
      @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXTERNAL_PROPERTY, property = "kind", visible = true)
      @JsonSubTypes({
          @JsonSubTypes.Type(value = TreeQuantizer.class, name = "hrvqvae"),
          @JsonSubTypes.Type(value = FlatQuantizer.class, name = "vqvae"),
          @JsonSubTypes.Type(value = LevelsQuantizer.class, name = "vqvae2")})
      QuantizerConfig quantizer) {

    /** The library's description of this model for images of {@code imageSize} and {@code channels}. */
    public ModelSpec spec(int imageSize, int channels) {
      return quantizer.spec(new Architecture(imageSize, channels, hidden, residualUnits, dim, downsample));
    }
  }

  /**
   * The quantizer, one record per model kind (the loader has filled each kind's defaults and
   * refused keys the kind does not take, see {@code kindDefault} in the schema). Every kind binds
   * {@code ema}, {@code data_init} and {@code dead_code_restart}; vqvae2 admits only their off values.
   */
  public sealed interface QuantizerConfig permits TreeQuantizer, FlatQuantizer, LevelsQuantizer {
    int codewords();

    EmaConfig ema();

    boolean dataInit();

    DeadCodeConfig deadCodeRestart();

    /** The model with this quantizer on {@code arch}. */
    ModelSpec spec(Architecture arch);

    /** The library's EMA options, or null when EMA is off. */
    default EmaOptions emaOptions() {
      return ema() == null ? null : new EmaOptions(ema().decay(), ema().epsilon());
    }
  }

  /** hrvqvae: a tree of {@code layers} layers of {@code codewords} (m) per codebook. */
  public record TreeQuantizer(int codewords, int layers, float beta0, float[] betas, String search, EmaConfig ema, boolean dataInit,
      DeadCodeConfig deadCodeRestart) implements QuantizerConfig {
    @Override
    public ModelSpec spec(Architecture arch) {
      return new ModelSpec(ModelKind.HRVQVAE, arch, codewords, layers, 0, 0, beta0, betas,
          "flat".equals(search) ? Search.FLAT : Search.TREE, emaOptions());
    }
  }

  /** vqvae: one flat codebook of {@code codewords} (K). */
  public record FlatQuantizer(int codewords, float beta, EmaConfig ema, boolean dataInit, DeadCodeConfig deadCodeRestart)
      implements QuantizerConfig {
    @Override
    public ModelSpec spec(Architecture arch) {
      return new ModelSpec(ModelKind.VQVAE, arch, codewords, 1, 0, beta, 0, new float[0], Search.TREE, emaOptions());
    }
  }

  /** vqvae2: {@code levels} levels of one flat codebook of {@code codewords} each. */
  public record LevelsQuantizer(int codewords, int levels, float beta, EmaConfig ema, boolean dataInit, DeadCodeConfig deadCodeRestart)
      implements QuantizerConfig {
    @Override
    public ModelSpec spec(Architecture arch) {
      return new ModelSpec(ModelKind.VQVAE2, arch, codewords, 1, levels, beta, 0, new float[0], Search.TREE, null);
    }
  }

  /** EMA codebook updates: {@code decay} of the old statistics, {@code epsilon} smoothing of the counts. */
  public record EmaConfig(float decay, float epsilon) {}

  /** Restart codes unused over the last {@code interval} steps' sample of {@code images} train images. */
  public record DeadCodeConfig(int interval, int images) {}

  /** Adam with a schedule: {@code constant}, {@code cosine} or {@code exponential}. */
  public record OptimizerConfig(
      String name, float learningRate, String schedule, int warmupSteps, Float clipGlobalNorm, float polyakDecay) {}

  /** How many steps, and every how many steps to evaluate, checkpoint and log. */
  public record TrainingConfig(int steps, int evalEvery, int checkpointEvery, int logEvery) {}

  /**
   * {@code testLimit}-independent evaluation options: how many images the pictures show, whether
   * to evaluate the averaged weights, and whether the finished run measures the FID (LeNet
   * features) of its test reconstructions.
   */
  public record EvaluationConfig(int reconImages, boolean useAveraged, boolean fid) {}

  /** Where runs go when no {@code --out} is given: {@code dir/<name>}. */
  public record OutputConfig(String dir) {}
}
