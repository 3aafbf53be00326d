package dev.hrvq.experiments.prior;

import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.experiments.config.PriorConfig;
import dev.hrvq.experiments.events.RunEvents;
import dev.hrvq.experiments.run.OptimizerFactory;
import dev.hrvq.experiments.run.RunDirectory;
import dev.hrvq.models.PixelCnnPrior;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * The prior of one code map: its trainer (restored from its folder when there is a checkpoint),
 * the training loop with test negative log-likelihood at intervals, its compiled logits, and its
 * sampler.
 */
final class PriorMapRun implements AutoCloseable {
  /** The TensorBoard tag of the test negative log-likelihood. */
  static final String TEST_BITS = "test/bits_per_position";
  final String map;
  final PixelCnnPrior prior;
  final Trainer trainer;
  final CompiledFunction logits;
  final RunDirectory dir;
  private final CompiledFunction bits;
  private CodeSampler sampler;

  PriorMapRun(String map, PixelCnnPrior prior, PriorConfig cfg, String hash, Path folder) {
    this.map = map;
    this.prior = prior;
    this.dir = new RunDirectory(folder);
    try {
      Files.createDirectories(folder);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + folder, e);
    }
    this.trainer = dev.hrvq.api.runtime.Trainer.builder().setModel(prior.model())
        .setOptimizer(OptimizerFactory.build(cfg.optimizer(), cfg.training().steps()))
        .optSeed(cfg.seed()).optPolyakDecay(cfg.optimizer().polyakDecay()).optConfigHash(hash).build();
    this.logits = trainer.function("logits", prior.inputs(), prior.logits(), false);
    this.bits = trainer.function("bits", prior.inputs(), prior.bits(), false);
  }

  /**
   * The sampler of this map's prior ({@link AncestralSampler#forPrior}: incremental unless the prior
   * has attention), compiled on first use.
   */
  CodeSampler sampler() {
    if (sampler == null) {
      sampler = AncestralSampler.forPrior(trainer, prior, logits);
    }
    return sampler;
  }

  /** Restores the latest checkpoint of this map's folder, if any; returns whether it did. */
  boolean restoreLatest() {
    // A damaged newest checkpoint is skipped (and said so) for the newest intact one.
    Optional<Path> last = Checkpoints.latestIntact(dir.checkpoints(), System.out::println);
    last.ifPresent(trainer::restore);
    return last.isPresent();
  }

  /**
   * Trains to {@code cfg.training().steps()}, logging and evaluating (also as TensorBoard events in
   * this map's folder); false if interrupted.
   */
  boolean train(PriorConfig cfg, CodeBatches train, CodeBatches test, PrintStream out, java.util.function.BooleanSupplier stop) {
    try (RunEvents events = RunEvents.open(dir.dir(), trainer.stepCount())) {
      return train(cfg, train, test, out, stop, events);
    }
  }

  private boolean train(PriorConfig cfg, CodeBatches train, CodeBatches test, PrintStream out, java.util.function.BooleanSupplier stop,
      RunEvents events) {
    var t = cfg.training();
    RunDirectory.truncateAfter(dir.losses(), trainer.stepCount());
    RunDirectory.truncateAfter(dir.metrics(), trainer.stepCount());
    long start = System.nanoTime();
    long first = trainer.stepCount();
    while (trainer.stepCount() < t.steps()) {
      Map<String, Float> terms = step(train, train.step(trainer.stepCount(), t.batchSize(), cfg.seed()));
      long done = trainer.stepCount();
      if (done % t.logEvery() == 0 || done == t.steps()) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", done);
        line.putAll(terms);
        RunDirectory.appendLine(dir.losses(), line);
        events.losses(done, terms);
        double rate = (done - first) / ((System.nanoTime() - start) / 1e9);
        out.printf("prior %s: step %d/%d bits/position %.4f | %.2f steps/s%n", map, done, t.steps(), terms.get("bits"), rate);
      }
      if (done % t.evalEvery() == 0 || done == t.steps()) {
        double testBits = testBits(test);
        RunDirectory.appendLine(dir.metrics(), Map.of("step", done, "test_bits_per_position", testBits));
        events.scalars(done, Map.of(TEST_BITS, testBits));
        out.printf("prior %s: eval at step %d: test %.4f bits/position%n", map, done, testBits);
      }
      if (done % t.checkpointEvery() == 0 || done == t.steps()) {
        trainer.save(dir.checkpoints());
      }
      if (stop.getAsBoolean()) {
        trainer.save(dir.checkpoints());
        return false;
      }
    }
    return true;
  }

  private Map<String, Float> step(CodeBatches batches, int[] idx) {
    Map<String, Tensor> feeds = batches.feeds(idx);
    try {
      return trainer.step(feeds);
    } finally {
      feeds.values().forEach(Tensor::close);
    }
  }

  /** Mean bits per position over every test map. */
  double testBits(CodeBatches test) {
    double total = 0;
    int batch = 500;
    for (int s = 0; s < test.images(); s += batch) {
      int n = Math.min(batch, test.images() - s);
      Map<String, Tensor> feeds = test.feeds(dev.hrvq.experiments.data.Dataset.range(s, n));
      try (Outputs o = bits.call(feeds)) {
        total += ((TFloat32) o.tensor("bits")).getFloat() * n;
      } finally {
        feeds.values().forEach(Tensor::close);
      }
    }
    return total / test.images();
  }

  boolean hasCheckpoints() {
    return Files.isDirectory(dir.checkpoints()) && Checkpoints.latest(dir.checkpoints()).isPresent();
  }

  @Override
  public void close() {
    trainer.close();
  }
}
