package dev.hrvq.experiments.prior;

import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.experiments.config.ExperimentConfig.DataConfig;
import dev.hrvq.experiments.config.PriorConfig;
import dev.hrvq.experiments.config.PriorConfigLoader.ResolvedPrior;
import dev.hrvq.experiments.run.ResumeCheck;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.fid.FeatureClassifier;
import dev.hrvq.experiments.run.Evaluation;
import dev.hrvq.experiments.fid.FeatureDistances;
import dev.hrvq.experiments.run.Interrupts;
import dev.hrvq.experiments.run.OpenedRun;
import dev.hrvq.experiments.run.RunClaim;
import dev.hrvq.experiments.run.RunDirectory;
import dev.hrvq.models.CompiledVq;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains the priors of a prior config over a trained VQ run's codes (extracted once and cached
 * there), then samples, decodes the samples to images, and measures FID and KID on LeNet features
 * of samples and of reconstructions against the test images.
 */
public final class PriorRunner {
  private final ResolvedPrior resolved;
  private final Path runDir;
  private final PrintStream out;
  private final String continueWith;

  private final DataSets data;

  public PriorRunner(ResolvedPrior resolved, Path runDir, DataSets data, PrintStream out, String continueWith) {
    this.data = data;
    this.resolved = resolved;
    this.runDir = runDir;
    this.out = out;
    this.continueWith = continueWith;
  }

  /** Returns false when interrupted (a checkpoint is saved and the resume command printed). */
  public boolean run(boolean resume, String version) {
    PriorConfig cfg = resolved.config();
    RunDirectory run = new RunDirectory(runDir);
    var saved = RunDirectory.stamped(resolved.json(), version, resolved.hash(), resolved.overrides());
    if (resume && Files.exists(run.config())) {
      ResumeCheck.check(runDir, RunDirectory.unstamped(RunDirectory.readJson(run.config())), resolved.json())
          .forEach(d -> out.println("resume with a changed " + d));
    }
    try (OpenedRun vqRun = OpenedRun.open(Path.of(cfg.prior().run()), data);
        RunClaim claim = RunClaim.take(runDir, run.config())) {
      CompiledVq vq = vqRun.model();
      Dataset train = vqRun.context().train();
      Dataset test = vqRun.context().test();
      int labels = labelCount(cfg, train);
      Path vqDir = vqRun.context().run().dir();
      out.printf("prior over the codes of %s (%s, checkpoint %s)%n", vqDir, vq.model().kind().label(), vqRun.checkpoint().getFileName());
      Map<String, long[]> trainCodes = CodeCache.codes(vq, train, "train", vqDir, vqRun.checkpoint());
      Map<String, long[]> testCodes = CodeCache.codes(vq, test, "test", vqDir, vqRun.checkpoint());
      Map<String, Integer> perImage = new LinkedHashMap<>();
      vq.model().codeSpecs().forEach((k, v) -> perImage.put(k, (int) (v.shape().get(1) * v.shape().get(2))));
      try (PriorStack stack = new PriorStack(cfg, resolved.hash(), runDir, vq.model(), labels)) {
        for (PriorMapRun m : stack.maps()) {
          if (!resume && m.hasCheckpoints()) {
            throw new IllegalArgumentException(m.dir.dir() + " already has prior checkpoints; add --resume or choose another --out");
          }
          // As for a VQ run: a resume may extend training.steps, not shorten it.
          long reached = Checkpoints.latest(m.dir.checkpoints()).map(c -> Checkpoints.readManifest(c).step()).orElse(0L);
          if (resume && reached > cfg.training().steps()) {
            throw ResumeCheck.shortened(m.dir.dir(), reached, cfg.training().steps());
          }
        }
        claim.creating(run.config());
        RunDirectory.writeJson(run.config(), saved);
        claim.started();
        for (PriorMapRun m : stack.maps()) {
          if (resume) {
            m.restoreLatest();
          }
          var interrupts = new Interrupts().install();
          boolean done = m.train(cfg, new CodeBatches(m.prior, m.map, trainCodes, perImage, train.labels()),
              new CodeBatches(m.prior, m.map, testCodes, perImage, test.labels()), out, interrupts::requested);
          interrupts.done();
          if (!done) {
            out.printf("interrupted; continue with: %s%n", continueWith);
            return false;
          }
        }
        finish(cfg, stack, vq, test, vqRun.context().config().data(), run);
      }
    }
    return true;
  }

  private void finish(PriorConfig cfg, PriorStack stack, CompiledVq vq, Dataset test, DataConfig dataConfig, RunDirectory run) {
    int n = cfg.sampling().samples();
    long start = System.nanoTime();
    Map<String, long[]> codes = stack.sample(n, cfg.sampling().temperature(), cfg.seed());
    float[] samples = vq.decode(codes, n, vq.model().allLayers());
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf("sampled %d images in %.1f s (temperature %.2f)%n", n, seconds, cfg.sampling().temperature());
    Sampling.write(run.dir(), samples, n, test, codes);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("name", cfg.name());
    summary.put("vq_run", cfg.prior().run());
    summary.put("precision", stack.maps().get(0).prior.precision().label());
    Map<String, Object> bits = new LinkedHashMap<>();
    stack.maps().forEach(m -> {
      var metrics = RunDirectory.readLines(m.dir.metrics());
      bits.put(m.map, metrics.get(metrics.size() - 1).get("test_bits_per_position").asDouble());
    });
    summary.put("test_bits_per_position", bits);
    summary.put("samples", n);
    summary.put("temperature", cfg.sampling().temperature());
    summary.put("sampling_seconds", seconds);
    if (test.hasLabels()) {
      measure(cfg, vq, test, samples, n, dataConfig, summary);
    } else {
      // The LeNet is a classifier: without labels there is nothing to train it on, so no features.
      String skipped = "FID (LeNet features) skipped: data set " + dataConfig.dataset() + " has no labels"
          + (dataConfig.isImageFolder() ? " (put the images in class subfolders)" : "");
      out.println(skipped);
      summary.put("features", skipped);
    }
    RunDirectory.writeJson(run.summary(), summary);
    PriorEvents.finish(run.dir(), cfg.training().steps(), run.dir().resolve("samples.png"), summary);
    out.printf("done: wrote %s%n", run.dir());
  }

  /** FID and KID (LeNet features) of the samples and of the test reconstructions, into {@code summary}. */
  private void measure(PriorConfig cfg, CompiledVq vq, Dataset test, float[] samples, int n, DataConfig dataConfig,
      Map<String, Object> summary) {
    try (FeatureClassifier lenet = FeatureClassifier.forData(data, dataConfig, test.h())) {
      out.println(lenet.describe());
      float[] testImages = test.images();
      FeatureDistances ofSamples = lenet.distances(samples, n, testImages, test.n(), cfg.seed());
      float[] recon = Evaluation.reconstructAll(vq, test);
      FeatureDistances ofRecon = lenet.distances(recon, test.n(), testImages, test.n(), cfg.seed());
      out.println("samples vs test images: " + ofSamples.describe());
      out.println("reconstructions vs test images: " + ofRecon.describe());
      summary.put("classifier_test_accuracy", lenet.testAccuracy());
      summary.put("fid_lenet_samples", ofSamples.fid());
      summary.put("kid_lenet_samples", ofSamples.kid());
      summary.put("kid_lenet_samples_std", ofSamples.kidStd());
      summary.put("fid_lenet_reconstructions", ofRecon.fid());
      summary.put("kid_lenet_reconstructions", ofRecon.kid());
      summary.put("features", FeatureClassifier.FEATURES);
    }
  }

  /** How many classes a class-conditional prior sees (0 when it is not conditioned). */
  static int labelCount(PriorConfig cfg, Dataset train) {
    if (!cfg.prior().classConditional()) {
      return 0;
    }
    if (!train.hasLabels()) {
      throw new IllegalArgumentException("prior.class_conditional: data set " + train.name() + " has no labels; set it false"
          + (train.name().equals("images") ? ", or put the images of data.path in class subfolders" : ""));
    }
    return Arrays.stream(train.labels()).max().orElse(0) + 1;
  }

}
