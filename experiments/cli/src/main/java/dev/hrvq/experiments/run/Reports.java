package dev.hrvq.experiments.run;

import dev.hrvq.models.CompiledVq;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a finished run leaves for people: {@code summary.json} and the pictures. */
final class Reports {
  private Reports() {}

  static void finish(RunContext ctx, CompiledVq vq, Evaluation.Result evaluation, PrintStream out) {
    Map<String, Object> summary = summary(ctx, evaluation);
    summary.put("training_speed", TrainingSpeed.total(ctx.run().speed()));
    RunDirectory.writeJson(ctx.run().summary(), summary);
    Pictures.write(ctx, vq, evaluation);
    out.printf("done: test MSE %.5f (pixels in [0, 1]); wrote %s%n", evaluation.testMse(), ctx.run().dir());
  }

  static Map<String, Object> summary(RunContext ctx, Evaluation.Result evaluation) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", ctx.config().name());
    s.put("model", ctx.model().kind().label());
    s.put("precision", ctx.model().precision().label());
    s.put("dataset", ctx.config().data().dataset());
    s.put("steps", ctx.config().training().steps());
    s.put("test_mse", evaluation.testMse());
    s.put("test_images", evaluation.images());
    s.put("codebooks", evaluation.layers().stream().map(dev.hrvq.quantize.LayerHealth::figures).toList());
    s.put("config_hash", ctx.configHash());
    s.put(Provenance.KEY, Provenance.describe());
    return s;
  }
}
