package dev.hrvq.experiments.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.experiments.config.ExperimentConfig;
import dev.hrvq.experiments.config.ResolvedConfig;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.data.ImageFolder;
import dev.hrvq.experiments.data.ImageFolderOptions;
import dev.hrvq.experiments.data.ImageFolderScan;
import dev.hrvq.experiments.data.Split;
import dev.hrvq.experiments.data.SyntheticImages;
import dev.hrvq.models.Inference;
import dev.hrvq.models.ModelSpec;
import dev.hrvq.models.VqAutoencoder;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a run is made of, derived from its config: the data (limited and padded), the model,
 * the run directory, and how to build its trainer. Built once per command.
 *
 * @param spec the model as the library describes it (recorded in every checkpoint)
 * @param data where the data sets (and the LeNet of {@code evaluation.fid}) are read from
 * @param savedConfig the resolved config plus {@code hrvq_version} and {@code config_hash}, as saved
 *     in {@code config.json}
 */
public record RunContext(
    ExperimentConfig config, ObjectNode savedConfig, String configHash, RunDirectory run,
    Dataset train, Dataset test, ModelSpec spec, VqAutoencoder model, DataSets data) {

  /** The context of {@code resolved} (its {@code --set} overrides recorded in config.json). */
  public static RunContext create(ResolvedConfig resolved, String version, Path runDir, DataSets data) {
    return create(resolved.config(), resolved.json(), resolved.hash(), resolved.overrides(), version, runDir, data);
  }

  public static RunContext create(ExperimentConfig cfg, ObjectNode resolved, String hash, String version, Path runDir, DataSets data) {
    return create(cfg, resolved, hash, List.of(), version, runDir, data);
  }

  private static RunContext create(ExperimentConfig cfg, ObjectNode resolved, String hash, List<String> overrides, String version,
      Path runDir, DataSets data) {
    MemoryEstimate.checkTraining(cfg);
    // An image folder is scanned, checked to fit, hashed and read from its cache once for both splits.
    ImageFolder.Splits folder = cfg.data().isImageFolder()
        ? data.images(cfg.data().imageFolder(), scan -> checkImageFolder(cfg.data().imageFolder(), scan)) : null;
    Dataset train = prepare(folder != null ? folder.train() : load(data, cfg, Split.TRAIN), cfg, Split.TRAIN);
    Dataset test = prepare(folder != null ? folder.test() : load(data, cfg, Split.TEST), cfg, Split.TEST);
    if (cfg.evaluation().fid() && !test.hasLabels()) {
      // The LeNet behind the FID is a classifier: refused before training, not after it.
      throw new IllegalArgumentException("evaluation.fid: data set " + cfg.data().dataset() + " has no labels to train the LeNet "
          + "features on" + (cfg.data().isImageFolder() ? "; put the images in class subfolders, or" : ";") + " set evaluation.fid false");
    }
    ModelSpec spec = cfg.model().spec(cfg.data().imageSize(), train.c());
    return new RunContext(cfg, RunDirectory.stamped(resolved, version, hash, overrides), hash, new RunDirectory(runDir), train, test, spec,
        spec.build(PrecisionChoice.resolve(cfg.precision())), data);
  }

  /**
   * Before a folder is read: its whole splits become float arrays (limits apply after), so they
   * must fit, counted from the file listing alone, at the fewest channels the folder can have.
   */
  private static void checkImageFolder(ImageFolderOptions options, ImageFolderScan scan) {
    int channels = options.channels() == null ? 1 : options.channels();
    for (Split split : Split.values()) {
      MemoryEstimate.checkImages(split, "data.path to a folder of fewer images", scan.entries(split).size(), options.size(), channels);
    }
  }

  /** Synthetic images are drawn at the configured size; the others are read from their files. */
  private static Dataset load(DataSets data, ExperimentConfig cfg, Split split) {
    if (cfg.data().dataset().equals("synthetic")) {
      SyntheticImages defaults = SyntheticImages.forSplit(split);
      Integer limit = limit(cfg, split);
      // Draw only the images the run uses: the first k of a seed are the same however many follow.
      int count = limit == null ? defaults.count() : Math.min(limit, defaults.count());
      MemoryEstimate.checkImages(split, limitKey(split), count, cfg.data().imageSize(), defaults.channels());
      return new SyntheticImages(count, cfg.data().imageSize(), defaults.channels(), defaults.seed()).generate("synthetic");
    }
    return data.load(cfg.data().dataset(), split);
  }

  private static Integer limit(ExperimentConfig cfg, Split split) {
    return split == Split.TRAIN ? cfg.data().trainLimit() : cfg.data().testLimit();
  }

  private static String limitKey(Split split) {
    return split == Split.TRAIN ? "data.train_limit" : "data.test_limit";
  }

  private static Dataset prepare(Dataset d, ExperimentConfig cfg, Split split) {
    Integer limit = limit(cfg, split);
    int size = cfg.data().imageSize();
    Dataset limited = limit == null || limit >= d.n() ? d : d.head(limit);
    MemoryEstimate.checkImages(split, limitKey(split), limited.n(), size, limited.c());
    return limited.imageSize() == size ? limited : limited.pad(size);
  }

  /** A fresh trainer for this run's model and optimizer, its steps in one piece (the caller closes it). */
  public Trainer trainer() {
    return trainer(Towers.none());
  }

  /** A fresh trainer whose steps are split as {@code towers} says (on a cluster: its server must be running). */
  public Trainer trainer(Towers towers) {
    return towers.applyTo(Trainer.builder())
        .setModel(model.model())
        .setOptimizer(OptimizerFactory.build(config.optimizer(), config.training().steps()))
        .optSeed(config.seed())
        .optPolyakDecay(config.optimizer().polyakDecay())
        .optConfigHash(configHash)
        .optModel(Inference.describe(spec, config.evaluation().useAveraged(), model.precision()))
        .build();
  }
}
