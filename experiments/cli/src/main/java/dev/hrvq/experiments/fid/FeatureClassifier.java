package dev.hrvq.experiments.fid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.experiments.data.DataLocations;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.data.ImageFolder;
import dev.hrvq.experiments.data.ImageFolderOptions;
import dev.hrvq.experiments.data.Split;
import dev.hrvq.experiments.data.SyntheticImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The classifier whose features FID and KID are computed on: a {@link LeNet} trained once per data
 * set and image size on the training split, cached in {@code <cacheRoot>/<dataset>-<size>/}
 * (a checkpoint folder and {@code classifier.json} with its test accuracy and training settings) and
 * loaded from there afterwards. The default cache root is {@code $HRVQ_DATA/classifiers}
 * ({@code ~/.hrvq/data/classifiers}).
 *
 * <p>Measured on a 2-core CPU machine, MNIST padded to 32x32 with {@link ClassifierTraining#standard()}
 * (1,500 steps of 128): 98.53% test accuracy after 25-31 s of training (about 30 s with the test
 * evaluation; {@code MnistClassifierTest}); features of the 10,000 test images take 0.4 s. With
 * those features, even vs odd test images give FID 0.095 and KID 0.0024 ± 0.0030. Later uses
 * restore the cached checkpoint instead of training.
 */
public final class FeatureClassifier implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String RECORD_FILE = "classifier.json";
  /** What the distances computed on these features are, as summaries state it. */
  public static final String FEATURES = "LeNet trained in-project on the data set's train split (not Inception): FID (LeNet features), "
      + "KID (LeNet features)";

  private final CompiledLeNet lenet;
  private final ClassifierRecord record;
  private final Path folder;
  private final boolean loaded;

  private FeatureClassifier(CompiledLeNet lenet, ClassifierRecord record, Path folder, boolean loaded) {
    this.lenet = lenet;
    this.record = record;
    this.folder = folder;
    this.loaded = loaded;
  }

  /** {@code $HRVQ_DATA/classifiers} (or under {@code ~/.hrvq/data}), as {@code locations} says. */
  public static Path defaultCacheRoot(DataLocations locations) {
    return locations.dataRoot().resolve("classifiers");
  }

  /** The classifier of an experiment's data (a named data set or an image folder) at {@code size x size}, standard training. */
  public static FeatureClassifier forData(DataSets data, dev.hrvq.experiments.config.ExperimentConfig.DataConfig config, int size) {
    return config.isImageFolder() ? forImages(data, config.imageFolder(), ClassifierTraining.standard())
        : forDataset(data, config.dataset(), size);
  }

  /** The classifier for a named data set at {@code size x size}, with the standard training. */
  public static FeatureClassifier forDataset(DataSets data, String dataset, int size) {
    return forDataset(data, dataset, size, ClassifierTraining.standard());
  }

  /**
   * The classifier for a named data set at {@code size x size}: synthetic images are drawn at that
   * size, the others loaded and zero-padded to it (as experiment runs prepare them). Cached under
   * {@link #defaultCacheRoot}.
   */
  public static FeatureClassifier forDataset(DataSets data, String dataset, int size, ClassifierTraining training) {
    Dataset train = prepare(data, dataset, Split.TRAIN, size);
    Dataset test = prepare(data, dataset, Split.TEST, size);
    return open(defaultCacheRoot(data.locations()), dataset, train, test, training);
  }

  /**
   * The classifier for a folder of the user's images, trained on its whole train split at its
   * size and cached as {@code images-<first 16 hex digits of the folder's cache key>-<size>}, so
   * each folder content gets its own. The folder must have class subfolders (labels).
   */
  public static FeatureClassifier forImages(DataSets data, ImageFolderOptions options, ClassifierTraining training) {
    ImageFolder.Splits splits = data.images(options);
    return open(defaultCacheRoot(data.locations()), "images-" + splits.key().substring(0, 16), splits.train(), splits.test(), training);
  }

  /**
   * Loads the classifier cached in {@code cacheRoot/<name>-<size>/} when it was trained on these
   * terms (same shape, classes and training); otherwise trains one on {@code train}, measures it on
   * {@code test}, and caches it there (replacing what was there).
   */
  public static FeatureClassifier open(Path cacheRoot, String name, Dataset train, Dataset test, ClassifierTraining training) {
    if (train.h() != train.w()) {
      throw new IllegalArgumentException("the feature classifier needs square images, got " + train.h() + "x" + train.w());
    }
    if (!train.hasLabels() || !test.hasLabels()) {
      throw new IllegalArgumentException("data set " + name + " has no labels; FID/KID on LeNet features need a labelled data set");
    }
    LeNet net = new LeNet(train.h(), train.c(), classes(train));
    Path folder = cacheRoot.resolve(name + "-" + train.h());
    ClassifierRecord cached = readRecord(folder);
    CompiledLeNet lenet = new CompiledLeNet(net, training);
    try {
      if (cached != null && cached.matches(name, net, training) && lenet.restoreLatest(folder) && lenet.steps() == training.steps()) {
        return new FeatureClassifier(lenet, cached, folder, true);
      }
      if (Files.exists(folder)) {
        Checkpoints.deleteTree(folder);
      }
      long start = System.nanoTime();
      lenet.train(train, training);
      double seconds = (System.nanoTime() - start) / 1e9;
      double accuracy = lenet.accuracy(test);
      double scale = rootMeanSquare(lenet.features(test.images(), test.n()));
      lenet.save(folder);
      ClassifierRecord record = new ClassifierRecord(ClassifierRecord.FORMAT, name, net.size(), net.channels(), net.classes(),
          training, accuracy, test.n(), scale, seconds);
      writeRecord(folder, record);
      return new FeatureClassifier(lenet, record, folder, false);
    } catch (IOException e) {
      lenet.close();
      throw new UncheckedIOException("cannot write the feature classifier cache " + folder, e);
    } catch (RuntimeException e) {
      lenet.close();
      throw e;
    }
  }

  /**
   * LeNet features {@code [n, 84]} of {@code n} images (fed 500 at a time): the relu'd penultimate
   * activations divided by this classifier's fixed {@link ClassifierRecord#featureScale()}, the root
   * mean square of the raw activations over the test split. Raw activations of a trained LeNet are
   * large (MNIST: mean square about 18), which puts KID's cubic kernel far from its intended range
   * and makes it noise; the fixed division keeps the test split's features at mean square 1.
   */
  public float[] features(float[] images, int n) {
    float[] raw = lenet.features(images, n);
    float inverse = (float) (1 / record.featureScale());
    for (int i = 0; i < raw.length; i++) {
      raw[i] *= inverse;
    }
    return raw;
  }

  /** Width of a feature vector: 84. */
  public int featureDim() {
    return LeNet.FEATURES;
  }

  /** FID and KID (LeNet features) between two image sets; {@code seed} picks KID's subsets. */
  public FeatureDistances distances(float[] imagesA, int n1, float[] imagesB, int n2, long seed) {
    return FeatureDistances.between(features(imagesA, n1), n1, features(imagesB, n2), n2, featureDim(), seed);
  }

  /** Accuracy on the test split, measured when the classifier was trained. */
  public double testAccuracy() {
    return record.testAccuracy();
  }

  /** True when this classifier came from the cache, false when it was trained just now. */
  public boolean loaded() {
    return loaded;
  }

  /** "loaded" or "trained". */
  public String origin() {
    return loaded ? "loaded" : "trained";
  }

  public ClassifierRecord record() {
    return record;
  }

  /** The cache folder: checkpoint and {@code classifier.json}. */
  public Path folder() {
    return folder;
  }

  /** The classifier bound to its session, e.g. for logits. */
  public CompiledLeNet lenet() {
    return lenet;
  }

  /** E.g. {@code LeNet feature classifier mnist-32: test accuracy 98.70% (1500 steps; loaded from ...)}. */
  public String describe() {
    return String.format(Locale.ROOT, "LeNet feature classifier %s-%d: test accuracy %.2f%% on %d images (%d steps; %s %s)",
        record.dataset(), record.size(), 100 * record.testAccuracy(), record.testImages(), record.training().steps(),
        loaded ? "loaded from" : "trained and saved to", folder);
  }

  @Override
  public void close() {
    lenet.close();
  }

  private static double rootMeanSquare(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += (double) v * v;
    }
    double rms = Math.sqrt(sum / Math.max(1, values.length));
    return rms > 0 ? rms : 1; // all-zero features (an untrained net): leave them unscaled
  }

  private static int classes(Dataset data) {
    int max = 0;
    for (int label : data.labels()) {
      if (label < 0) {
        throw new IllegalArgumentException("data set " + data.name() + " has a negative label " + label);
      }
      max = Math.max(max, label);
    }
    return Math.max(2, max + 1);
  }

  private static Dataset prepare(DataSets data, String dataset, Split split, int size) {
    if (dataset.equals("synthetic")) {
      SyntheticImages defaults = SyntheticImages.forSplit(split);
      return new SyntheticImages(defaults.count(), size, defaults.channels(), defaults.seed()).generate("synthetic");
    }
    Dataset d = data.load(dataset, split);
    return d.h() == size && d.w() == size ? d : d.pad(size);
  }

  private static ClassifierRecord readRecord(Path folder) {
    Path file = folder.resolve(RECORD_FILE);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), ClassifierRecord.class);
    } catch (IOException e) {
      return null; // unreadable: retrain and overwrite
    }
  }

  private static void writeRecord(Path folder, ClassifierRecord record) throws IOException {
    Path tmp = folder.resolve(RECORD_FILE + ".tmp");
    JSON.writeValue(tmp.toFile(), record);
    Files.move(tmp, folder.resolve(RECORD_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
