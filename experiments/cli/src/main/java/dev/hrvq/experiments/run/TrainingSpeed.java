package dev.hrvq.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast a run trained. Each process times its own steps: seconds inside training steps only (no
 * evaluation, checkpoint or batch assembly) and wall seconds of its loop, and appends them as one
 * line of {@code speed.jsonl} when it stops. {@code summary.json}'s {@code training_speed} totals
 * those lines, so a run trained in several processes reports all its steps, and resuming a finished
 * run (no steps) keeps the figures. Speed is the one part of a run that differs between reruns.
 */
final class TrainingSpeed {
  private final long startNanos = System.nanoTime();
  private final long fromStep;
  private long steps;
  private long stepNanos;

  /** Timing a process that starts training at step {@code fromStep}. */
  TrainingSpeed(long fromStep) {
    this.fromStep = fromStep;
  }

  /** Times one training step. */
  <T> T step(java.util.function.Supplier<T> step) {
    long t0 = System.nanoTime();
    T out = step.get();
    stepNanos += System.nanoTime() - t0;
    steps++;
    return out;
  }

  /** Appends this process's line to {@code speedLog} when it took any step. */
  void record(Path speedLog) {
    if (steps == 0) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("from_step", fromStep);
    line.put("steps", steps);
    line.put("step_seconds", stepNanos / 1e9);
    line.put("wall_seconds", (System.nanoTime() - startNanos) / 1e9);
    RunDirectory.appendLine(speedLog, line);
  }

  /** The totals of every process in {@code speedLog}: what summary.json's training_speed holds. */
  static Map<String, Object> total(Path speedLog) {
    List<JsonNode> lines = RunDirectory.readLines(speedLog);
    long steps = 0;
    double stepSeconds = 0;
    double wallSeconds = 0;
    for (JsonNode l : lines) {
      steps += l.path("steps").asLong();
      stepSeconds += l.path("step_seconds").asDouble();
      wallSeconds += l.path("wall_seconds").asDouble();
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("steps", steps);
    s.put("processes", lines.size());
    s.put("step_seconds", round(stepSeconds));
    s.put("wall_seconds", round(wallSeconds));
    s.put("steps_per_second", steps == 0 ? 0.0 : round(steps / stepSeconds));
    return s;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
