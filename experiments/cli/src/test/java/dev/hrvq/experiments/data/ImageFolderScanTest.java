package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files an image folder holds, their split and labels, and the layout errors (nothing is decoded). */
class ImageFolderScanTest {
  @TempDir Path root;

  private ImageFolderOptions options(double fraction, long seed) {
    return new ImageFolderOptions(root, 4, null, fraction, seed, false, false);
  }

  private ImageFolderScan scan() {
    return ImageFolderScan.of(options(0.25, 0));
  }

  /** An empty file with an image name: scanning looks at names only. */
  private void touch(String relative) throws IOException {
    Path f = root.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, "");
  }

  private static List<String> names(List<ImageFolderScan.Entry> entries) {
    return entries.stream().map(ImageFolderScan.Entry::relative).sorted().toList();
  }

  @Test
  void filesDirectlyInTheRootHaveNoLabelsAndAreSplitByTheFraction() throws IOException {
    for (int i = 0; i < 8; i++) {
      touch("img" + i + (i % 2 == 0 ? ".png" : ".JPG"));
    }
    touch("notes.txt");
    touch(".hidden.png");
    ImageFolderScan s = scan();
    assertThat(s.labelled()).isFalse();
    assertThat(s.presplit()).isFalse();
    // round(8 * 0.25) = 2 test images; the text file and the hidden file are not images.
    assertThat(s.test()).hasSize(2);
    assertThat(s.train()).hasSize(6);
    assertThat(names(List.copyOf(concat(s.train(), s.test())))).containsExactly(
        "img0.png", "img1.JPG", "img2.png", "img3.JPG", "img4.png", "img5.JPG", "img6.png", "img7.JPG");
    assertThat(s.train()).allSatisfy(e -> assertThat(e.label()).isEqualTo(-1));
  }

  @Test
  void theSplitIsFixedBySplitSeedAndAShuffleOfTheSortedFiles() throws IOException {
    for (int i = 0; i < 10; i++) {
      touch("f" + i + ".png");
    }
    ImageFolderScan a = ImageFolderScan.of(options(0.3, 5));
    ImageFolderScan again = ImageFolderScan.of(options(0.3, 5));
    ImageFolderScan other = ImageFolderScan.of(options(0.3, 6));
    assertThat(a.test()).isEqualTo(again.test()).hasSize(3);
    // By the documented rule: the first round(n * f) of shuffledRange(n, seed) over the sorted files.
    int[] order = Dataset.shuffledRange(10, 5);
    List<String> sorted = List.of("f0.png", "f1.png", "f2.png", "f3.png", "f4.png", "f5.png", "f6.png", "f7.png", "f8.png", "f9.png");
    assertThat(a.test()).extracting(ImageFolderScan.Entry::relative).containsExactly(sorted.get(order[0]), sorted.get(order[1]), sorted.get(order[2]));
    assertThat(names(other.test())).isNotEqualTo(names(a.test()));
  }

  @Test
  void classFoldersAreLabelsInSortedOrderReadRecursively() throws IOException {
    touch("zebra/a.png");
    touch("apple/b.png");
    touch("apple/deeper/c.bmp");
    touch("Mango/d.jpeg");
    Files.createDirectories(root.resolve("empty-class"));
    ImageFolderScan s = ImageFolderScan.of(options(0.25, 0));
    // Java string order: upper case first; a folder with no images is not a class.
    assertThat(s.classes()).containsExactly("Mango", "apple", "zebra");
    List<ImageFolderScan.Entry> all = concat(s.train(), s.test());
    assertThat(all).extracting(e -> e.relative() + "=" + e.label())
        .containsExactlyInAnyOrder("zebra/a.png=2", "apple/b.png=1", "apple/deeper/c.bmp=1", "Mango/d.jpeg=0");
  }

  @Test
  void trainAndTestFoldersGiveTheSplitAndTrainsClasses() throws IOException {
    touch("train/cat/1.png");
    touch("train/cat/2.png");
    touch("train/dog/3.png");
    touch("test/dog/4.png");
    ImageFolderScan s = scan();
    assertThat(s.presplit()).isTrue();
    assertThat(s.classes()).containsExactly("cat", "dog");
    assertThat(names(s.train())).containsExactly("train/cat/1.png", "train/cat/2.png", "train/dog/3.png");
    assertThat(s.test()).extracting(e -> e.relative() + "=" + e.label()).containsExactly("test/dog/4.png=1");
  }

  @Test
  void trainAndTestWithoutClassesHaveNoLabels() throws IOException {
    touch("train/1.png");
    touch("test/2.png");
    ImageFolderScan s = scan();
    assertThat(s.labelled()).isFalse();
    assertThat(s.train()).hasSize(1);
    assertThat(s.test()).hasSize(1);
  }

  @Test
  void layoutErrorsNameTheFileOrFolderAndTheFix() throws IOException {
    Path missing = root.resolve("nope");
    assertThatThrownBy(() -> ImageFolderScan.of(new ImageFolderOptions(missing, 4, null, 0.1, 0, false, false)))
        .hasMessage("data.path " + missing + ": no such folder; point data.path at the folder of your images");
    touch("file.png");
    Path file = root.resolve("file.png");
    assertThatThrownBy(() -> ImageFolderScan.of(new ImageFolderOptions(file, 4, null, 0.1, 0, false, false)))
        .hasMessageContaining(file + ": not a folder");
    Path empty = Files.createDirectories(root.resolve("empty"));
    Files.writeString(empty.resolve("readme.txt"), "no images");
    assertThatThrownBy(() -> ImageFolderScan.of(new ImageFolderOptions(empty, 4, null, 0.1, 0, false, false)))
        .hasMessage(empty + " holds no images (searched recursively for .png, .jpg, .jpeg, .bmp)");
  }

  @Test
  void aRelativePathIsReadFromTheCurrentFolderAndSaysSo() {
    Path relative = Path.of("surely-not-here-" + System.nanoTime());
    assertThatThrownBy(() -> ImageFolderScan.of(new ImageFolderOptions(relative, 4, null, 0.1, 0, false, false)))
        .hasMessageContaining("data.path " + relative + " (" + relative.toAbsolutePath() + "; relative paths are read from the current folder)");
  }

  @Test
  void aFractionThatLeavesNoTestImageIsAnError() throws IOException {
    touch("a.png");
    touch("b.png");
    touch("c.png");
    // round(3 * 0.1) = 0.
    assertThatThrownBy(() -> ImageFolderScan.of(options(0.1, 0)))
        .hasMessage(root + ": data.test_fraction 0.1 of 3 image(s) leaves the test split empty; add images, change data.test_fraction,"
            + " or give train/ and test/ folders");
    assertThatThrownBy(() -> ImageFolderScan.of(options(0.9, 0))).hasMessageContaining("leaves the training split empty");
  }

  @Test
  void trainWithoutTestIsAnError() throws IOException {
    touch("train/a.png");
    assertThatThrownBy(this::scan).hasMessage(root + " has train/ but no test/: give both, or neither and let data.test_fraction split the images");
  }

  @Test
  void anEmptyTestFolderIsAnError() throws IOException {
    touch("train/a.png");
    Files.createDirectories(root.resolve("test"));
    assertThatThrownBy(this::scan).hasMessageStartingWith(root.resolve("test") + " holds no images");
  }

  @Test
  void aTestClassMissingFromTrainIsAnError() throws IOException {
    touch("train/cat/1.png");
    touch("test/cat/2.png");
    touch("test/bird/3.png");
    assertThatThrownBy(this::scan).hasMessage(root.resolve("test/bird") + ": class 'bird' is not among train/'s classes (cat);"
        + " add its images to train/ or remove it from test/");
  }

  @Test
  void imagesBesideClassFoldersAreAnError() throws IOException {
    touch("cat/1.png");
    touch("loose.png");
    assertThatThrownBy(this::scan).hasMessageStartingWith(root.resolve("loose.png") + ": an image directly in " + root + " next to class folders (cat)");
  }

  @Test
  void imagesOutsideTrainAndTestAreAnError() throws IOException {
    touch("train/1.png");
    touch("test/2.png");
    touch("extra/3.png");
    assertThatThrownBy(this::scan).hasMessage(root.resolve("extra/3.png") + ": an image outside train/ and test/ of " + root + "; move it into one of them");
  }

  @Test
  void labelledTrainWithUnlabelledTestIsAnError() throws IOException {
    touch("train/cat/1.png");
    touch("test/2.png");
    assertThatThrownBy(this::scan).hasMessageContaining("train/ has class folders but test/ has not");
  }

  private static List<ImageFolderScan.Entry> concat(List<ImageFolderScan.Entry> a, List<ImageFolderScan.Entry> b) {
    List<ImageFolderScan.Entry> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
