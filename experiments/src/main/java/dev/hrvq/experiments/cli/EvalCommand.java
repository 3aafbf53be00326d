package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.run.Evaluation;
import dev.hrvq.experiments.run.OpenedRun;
import dev.hrvq.experiments.run.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hrvq eval RUN_DIR}: test MSE and codebook health of a run's latest checkpoint. */
@Command(name = "eval", description = "Evaluate a run's latest checkpoint on the test split; writes eval.json in the run directory.")
public final class EvalCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by `hrvq run`.")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (OpenedRun run = OpenedRun.open(dir, DataSets.fromEnvironment())) {
      Evaluation.Result r = Evaluation.run(run.model(), run.context().test());
      out.printf("checkpoint %s (step %d)%n", run.checkpoint(), run.trainer().stepCount());
      out.printf("test MSE %.6f over %d test images (pixels in [0, 1])%n", r.testMse(), r.images());
      r.layers().forEach(h -> out.printf("  %-7s layer %d: %d/%d codes used (%.1f%%), perplexity %.2f%n",
          h.codes(), h.layer(), h.codeCount() - h.deadCodes(), h.codeCount(), 100 * h.usage(), h.perplexity()));
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("step", run.trainer().stepCount());
      json.put("test_mse", r.testMse());
      json.put("test_images", r.images());
      json.put("codebooks", r.layers().stream().map(Evaluation.LayerHealth::figures).toList());
      RunDirectory.writeJson(dir.resolve("eval.json"), json);
      return 0;
    }
  }
}
