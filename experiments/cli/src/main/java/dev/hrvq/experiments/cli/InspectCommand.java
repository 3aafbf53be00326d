package dev.hrvq.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.experiments.run.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hrvq inspect RUN_DIR}: what a run is, how it went, and the health of its codebooks. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show a run's config, metrics by evaluation, checkpoints and codebook usage per layer.")
public final class InspectCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by `hrvq run`.")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RunDirectory run = new RunDirectory(dir);
    JsonNode config = RunDirectory.readJson(run.config());
    JsonNode model = config.path("model");
    out.printf("run        %s%n", dir);
    out.printf("config     %s (hash %s, hrvq %s)%n", config.path("name").asText(), config.path("config_hash").asText(),
        config.path("hrvq_version").asText());
    out.printf("data       %s, %dx%d, batch %d%n", config.path("data").path("dataset").asText(),
        config.path("data").path("image_size").asInt(), config.path("data").path("image_size").asInt(),
        config.path("data").path("batch_size").asInt());
    out.printf("model      %s, quantizer %s%n", model.path("kind").asText(), model.path("quantizer"));
    out.printf("training   %d steps%n", config.path("training").path("steps").asInt());
    List<JsonNode> metrics = RunDirectory.readLines(run.metrics());
    out.println();
    out.println(metrics.isEmpty() ? "no evaluations yet" : "evaluations (test split):");
    for (JsonNode m : metrics) {
      StringBuilder usage = new StringBuilder();
      m.path("codebooks").forEach(c -> usage.append(String.format("  %s/l%d %.0f%%", c.path("codes").asText(), c.path("layer").asInt(),
          100 * c.path("usage").asDouble())));
      out.printf("  step %7d  test MSE %.5f %s%n", m.path("step").asLong(), m.path("test_mse").asDouble(), usage);
    }
    if (!metrics.isEmpty()) {
      out.println();
      out.println("codebooks at the last evaluation:");
      metrics.get(metrics.size() - 1).path("codebooks").forEach(c -> out.printf("  %-7s layer %d: %d codes, %.1f%% used, %d dead, perplexity %.2f%n",
          c.path("codes").asText(), c.path("layer").asInt(), c.path("size").asLong(), 100 * c.path("usage").asDouble(),
          c.path("dead").asInt(), c.path("perplexity").asDouble()));
    }
    out.println();
    out.println("latest checkpoint: " + Checkpoints.latest(run.checkpoints()).map(Path::toString).orElse("none"));
    out.println("summary: " + (Files.exists(run.summary()) ? run.summary() : "none (the run has not finished)"));
    JsonNode speed = Files.exists(run.summary()) ? RunDirectory.readJson(run.summary()).path("training_speed") : null;
    if (speed != null && !speed.isMissingNode()) {
      out.printf("training speed: %.2f steps/s inside training steps (%d steps in %.1f s over %d process(es); %.1f s with evaluations and checkpoints)%n",
          speed.path("steps_per_second").asDouble(), speed.path("steps").asLong(), speed.path("step_seconds").asDouble(),
          speed.path("processes").asInt(), speed.path("wall_seconds").asDouble());
    }
    for (String picture : List.of("reconstructions", "loss_curves", "codebook_usage")) {
      Path p = run.picture(picture);
      if (Files.exists(p)) {
        out.println("picture: " + p);
      }
    }
    return 0;
  }
}
