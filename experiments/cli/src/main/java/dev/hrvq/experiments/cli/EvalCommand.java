package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.output.OutputTarget;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrvq eval RUN_DIR}: test MSE and codebook health of a run's checkpoint. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a run's checkpoint (the latest by default) on the test split; writes eval.json.")
public final class EvalCommand implements Callable<Integer> {
  static final String OUTPUT = "eval";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RunDirArgs args;

  @Mixin ForceOption force;

  @Option(names = "--out", paramLabel = "JSON", description = "Where to write the figures (default RUN_DIR/eval.json); must not "
      + "exist, or be an earlier output of eval (with --force).")
  Path target;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    OutputTarget json = OutputTarget.file(target != null ? target : args.dir.resolve("eval.json"), OUTPUT, force.force);
    try (OpenedRun run = OpenedRun.open(args.dir, args.checkpoint, DataSets.fromEnvironment())) {
      Evaluation.Result r = Evaluation.run(run.model(), run.context().test());
      out.printf("checkpoint %s (step %d)%n", run.checkpoint(), run.trainer().stepCount());
      out.printf("test MSE %.6f over %d test images (pixels in [0, 1])%n", r.testMse(), r.images());
      r.layers().forEach(h -> out.printf("  %-7s layer %d: %d/%d codes used (%.1f%%), perplexity %.2f%n",
          h.codes(), h.layer(), h.codeCount() - h.deadCodes(), h.codeCount(), 100 * h.usage(), h.perplexity()));
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("checkpoint", run.checkpoint().getFileName().toString());
      figures.put("step", run.trainer().stepCount());
      figures.put("test_mse", r.testMse());
      figures.put("test_images", r.images());
      figures.put("codebooks", r.layers().stream().map(dev.hrvq.quantize.LayerHealth::figures).toList());
      out.println("wrote " + json.write(force.force, at -> RunDirectory.writeJson(at, figures)));
      return 0;
    }
  }
}
