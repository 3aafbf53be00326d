package dev.hrvq.experiments.prior;

import dev.hrvq.experiments.events.RunEvents;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished prior run adds to TensorBoard in its own folder: the samples grid and the
 * feature distances of its summary, at the last training step. Each map's loss terms and test
 * bits are in that map's folder (the run folder itself when there is one map), written as it trains.
 */
final class PriorEvents {
  /** Summary keys shown as {@code test/<key>} scalars. */
  static final List<String> DISTANCES = List.of("fid_lenet_samples", "kid_lenet_samples", "fid_lenet_reconstructions",
      "kid_lenet_reconstructions");

  private PriorEvents() {}

  static void finish(Path runDir, long step, Path samplesPng, Map<String, Object> summary) {
    try (RunEvents events = RunEvents.open(runDir, step)) {
      events.image("samples", step, samplesPng);
      Map<String, Number> distances = new LinkedHashMap<>();
      // Absent when the data set has no labels: the LeNet distances were skipped.
      DISTANCES.stream().filter(summary::containsKey).forEach(key -> distances.put("test/" + key, (Number) summary.get(key)));
      events.scalars(step, distances);
    }
  }
}
