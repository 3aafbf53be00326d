package dev.hrvq.experiments.config;

/**
 * A PixelCNN prior over the codes of a trained run, as read from a prior config (validated
 * against {@code prior.schema.json} by {@link PriorConfigLoader}).
 */
public record PriorConfig(
    String name,
    String description,
    long seed,
    String precision,
    PriorSection prior,
    ExperimentConfig.OptimizerConfig optimizer,
    PriorTraining training,
    Sampling sampling,
    ExperimentConfig.OutputConfig output) {

  /**
   * The network and what it models: {@code run} is the VQ run directory whose codes it learns;
   * {@code classConditional} conditions on the data set's labels.
   */
  public record PriorSection(
      String run, int hidden, int blocks, int kernel, int attentionEvery, float dropout, int embedding,
      boolean classConditional) {}

  /** How long the prior trains, on how many code maps per step, and how often it evaluates, saves and logs. */
  public record PriorTraining(int steps, int batchSize, int evalEvery, int checkpointEvery, int logEvery) {}

  /** How samples are drawn at the end of a run and by {@code hrvq sample} by default. */
  public record Sampling(int samples, float temperature) {}
}
