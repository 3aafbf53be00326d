package dev.hrvq.experiments.config;

/**
 * One experiment, as read from its JSON (after {@code extends} is resolved, defaults applied and
 * every value validated by {@link ConfigLoader}). Field names are the JSON keys in camelCase;
 * the JSON uses snake_case ({@code batch_size}).
 */
public record ExperimentConfig(
    String name,
    String description,
    long seed,
    DataConfig data,
    ModelConfig model,
    OptimizerConfig optimizer,
    TrainingConfig training,
    EvaluationConfig evaluation,
    OutputConfig output) {

  /** Which images, at what size, in what batches. */
  public record DataConfig(String dataset, int imageSize, int batchSize, Integer trainLimit, Integer testLimit) {}

  /** The model: {@code kind} is {@code hrvqvae}, {@code vqvae} or {@code vqvae2}. */
  public record ModelConfig(
      String kind, int hidden, int residualUnits, int dim, int downsample, QuantizerConfig quantizer) {}

  /**
   * The quantizer; which keys apply depends on the model kind (the loader fills and checks them):
   * hrvqvae: {@code codewords} per codebook ({@code m}), {@code layers} ({@code n}), {@code beta0},
   * {@code betas} (one per layer), {@code search}; vqvae: {@code codewords} (K), {@code beta};
   * vqvae2: {@code codewords} per level, {@code levels} (2 or 3), {@code beta}. {@code ema},
   * {@code dataInit} and {@code deadCodeRestart} are off unless set (the last two: not vqvae2).
   * Keys that do not apply to the kind are null.
   */
  public record QuantizerConfig(
      int codewords, Integer layers, Integer levels, Float beta, Float beta0, float[] betas, String search,
      EmaConfig ema, boolean dataInit, DeadCodeConfig deadCodeRestart) {}

  /** EMA codebook updates: {@code decay} of the old statistics, {@code epsilon} smoothing of the counts. */
  public record EmaConfig(float decay, float epsilon) {}

  /** Restart codes unused over the last {@code interval} steps' sample of {@code images} train images. */
  public record DeadCodeConfig(int interval, int images) {}

  /** Adam with a schedule: {@code constant}, {@code cosine} or {@code exponential}. */
  public record OptimizerConfig(
      String name, float learningRate, String schedule, int warmupSteps, Float clipGlobalNorm, float polyakDecay) {}

  /** How many steps, and every how many steps to evaluate, checkpoint and log. */
  public record TrainingConfig(int steps, int evalEvery, int checkpointEvery, int logEvery) {}

  /** {@code testLimit}-independent evaluation options: how many images the pictures show. */
  public record EvaluationConfig(int reconImages, boolean useAveraged) {}

  /** Where runs go when no {@code --out} is given: {@code dir/<name>}. */
  public record OutputConfig(String dir) {}
}
