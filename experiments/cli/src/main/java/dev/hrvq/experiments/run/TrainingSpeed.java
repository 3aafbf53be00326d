package dev.hrvq.experiments.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How fast this process trained: steps taken, seconds inside training steps only (no evaluation,
 * checkpoint or batch assembly) and wall seconds of the whole loop. A resumed run counts only its
 * own steps. Goes into summary.json; it is the one part of a run that differs between reruns.
 */
final class TrainingSpeed {
  private final long startNanos = System.nanoTime();
  private long steps;
  private long stepNanos;

  /** Times one training step. */
  <T> T step(java.util.function.Supplier<T> step) {
    long t0 = System.nanoTime();
    T out = step.get();
    stepNanos += System.nanoTime() - t0;
    steps++;
    return out;
  }

  Map<String, Object> summary() {
    double stepSeconds = stepNanos / 1e9;
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("steps_this_process", steps);
    s.put("step_seconds", round(stepSeconds));
    s.put("wall_seconds", round((System.nanoTime() - startNanos) / 1e9));
    s.put("steps_per_second", steps == 0 ? 0.0 : round(steps / stepSeconds));
    return s;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
