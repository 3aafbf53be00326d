package dev.hrvq.experiments.run;

import dev.hrvq.api.optim.GradientTransformation;
import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.optim.Schedule;
import dev.hrvq.api.optim.Schedules;
import dev.hrvq.experiments.config.ExperimentConfig.OptimizerConfig;

/** Builds the optimizer a config describes: Adam, its schedule, warm-up and optional clipping. */
public final class OptimizerFactory {
  private OptimizerFactory() {}

  public static GradientTransformation build(OptimizerConfig o, int steps) {
    float lr = o.learningRate();
    int decaySteps = Math.max(1, steps - o.warmupSteps());
    Schedule schedule = switch (o.schedule()) {
      case "constant" -> Schedules.constant(lr);
      case "cosine" -> Schedules.cosineDecay(lr, decaySteps, 0.01f);
      case "exponential" -> Schedules.exponentialDecay(lr, decaySteps, 0.01f);
      default -> throw new IllegalArgumentException("optimizer.schedule: unknown '" + o.schedule() + "'; use constant, cosine or exponential");
    };
    if (o.warmupSteps() > 0) {
      schedule = Schedules.linearWarmup(o.warmupSteps(), schedule);
    }
    GradientTransformation adam = Optimizers.adam(schedule, 0.9f, 0.999f, 1e-8f);
    return o.clipGlobalNorm() == null ? adam : Optimizers.chain(Optimizers.clipByGlobalNorm(o.clipGlobalNorm()), adam);
  }
}
