package dev.hrvq.experiments.run;

import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.fid.FeatureClassifier;
import dev.hrvq.experiments.fid.FeatureDistances;
import dev.hrvq.models.CompiledVq;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a finished run leaves for people: {@code summary.json} and the pictures. */
final class Reports {
  /** summary.json keys of the reconstructions' feature distances (as a prior run names them). */
  static final String FID = "fid_lenet_reconstructions";
  static final String KID = "kid_lenet_reconstructions";

  private Reports() {}

  /**
   * Writes summary.json and the pictures; returns the feature distances of the reconstructions
   * (empty unless {@code evaluation.fid}), for the event file.
   */
  static Map<String, Double> finish(RunContext ctx, CompiledVq vq, Evaluation.Result evaluation, PrintStream out) {
    Map<String, Object> summary = summary(ctx, evaluation);
    Map<String, Double> distances = ctx.config().evaluation().fid() ? reconstructionDistances(ctx, vq, evaluation, summary, out) : Map.of();
    summary.put("training_speed", TrainingSpeed.total(ctx.run().speed()));
    RunDirectory.writeJson(ctx.run().summary(), summary);
    Pictures.write(ctx, vq, evaluation);
    out.printf("done: test MSE %.5f (pixels in [0, 1]); wrote %s%n", evaluation.testMse(), ctx.run().dir());
    return distances;
  }

  /**
   * FID and KID (LeNet features) of the reconstructions of the whole evaluated test split against
   * the test images, into {@code summary} (with the classifier's accuracy and what the features
   * are); returns them by TensorBoard tag.
   */
  private static Map<String, Double> reconstructionDistances(RunContext ctx, CompiledVq vq, Evaluation.Result evaluation,
      Map<String, Object> summary, PrintStream out) {
    Dataset test = ctx.test();
    // The last evaluation kept its reconstructions when evaluation.fid is set; a resumed finish has none.
    float[] recon = evaluation.reconstructions() != null ? evaluation.reconstructions() : Evaluation.reconstructAll(vq, test);
    try (FeatureClassifier lenet = FeatureClassifier.forData(ctx.data(), ctx.config().data(), test.h())) {
      out.println(lenet.describe());
      FeatureDistances d = lenet.distances(recon, test.n(), test.images(), test.n(), ctx.config().seed());
      out.println("reconstructions vs test images: " + d.describe());
      summary.put("classifier_test_accuracy", lenet.testAccuracy());
      summary.put(FID, d.fid());
      summary.put(KID, d.kid());
      summary.put("features", FeatureClassifier.FEATURES);
      return Map.of("test/" + FID, d.fid(), "test/" + KID, d.kid());
    }
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
