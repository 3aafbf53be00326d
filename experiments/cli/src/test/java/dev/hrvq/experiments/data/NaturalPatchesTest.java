package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NaturalPatchesTest {

  @TempDir Path tmp;

  /** A w x h image; colour ones are noise, gray ones have R = G = B everywhere. */
  private static void png(Path file, int w, int h, boolean colour, long seed) throws IOException {
    BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Random r = new Random(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int g = r.nextInt(256);
        im.setRGB(x, y, colour ? r.nextInt(1 << 24) : (g << 16) | (g << 8) | g);
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(im, "png", file.toFile());
  }

  /** Two folders like skimage/data and opencv-doc's: 6 usable photos in 5 scenes, 4 unusable files. */
  private List<Path> folders() throws IOException {
    Path a = tmp.resolve("skimage");
    Path b = tmp.resolve("opencv");
    png(a.resolve("astronaut.png"), 60, 50, true, 1);
    png(a.resolve("coffee.png"), 40, 40, true, 2);
    png(a.resolve("camera.png"), 64, 64, false, 3); // grayscale: skipped
    png(a.resolve("tiny.png"), 10, 10, true, 4); // smaller than a patch: skipped
    Files.write(a.resolve("truncated.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2}); // unreadable
    Files.writeString(a.resolve("README.txt"), "not an image");
    png(b.resolve("aloeL.jpg.png"), 48, 40, true, 5);
    png(b.resolve("aloeR.png"), 48, 40, true, 6);
    png(b.resolve("fruits.png"), 33, 33, true, 7);
    png(b.resolve("baboon.png"), 32, 32, true, 8);
    return List.of(a, b);
  }

  @Test
  void sceneKeysGroupVariantsOfOnePhoto() {
    assertThat(NaturalPatches.sceneKey("aloeL.jpg")).isEqualTo(NaturalPatches.sceneKey("aloeR.jpg"));
    assertThat(NaturalPatches.sceneKey("pic1.png")).isEqualTo(NaturalPatches.sceneKey("pic5.png"));
    assertThat(NaturalPatches.sceneKey("left.jpg")).isEqualTo(NaturalPatches.sceneKey("right.jpg"));
    assertThat(NaturalPatches.sceneKey("motorcycle_left.png"))
        .isEqualTo(NaturalPatches.sceneKey("motorcycle_right.png"));
    assertThat(NaturalPatches.sceneKey("ela_modified.jpg"))
        .isEqualTo(NaturalPatches.sceneKey("ela_original.jpg"));
    assertThat(NaturalPatches.sceneKey("text_motion.jpg"))
        .isEqualTo(NaturalPatches.sceneKey("text_defocus.jpg"));
    assertThat(NaturalPatches.sceneKey("leuvenA.jpg")).isEqualTo(NaturalPatches.sceneKey("leuvenB.jpg"));
    assertThat(NaturalPatches.sceneKey("coffee.png")).isNotEqualTo(NaturalPatches.sceneKey("chelsea.png"));
  }

  @Test
  void skipsGraySmallAndUnreadableFilesAndSplitsByScene() throws IOException {
    NaturalPatches np = new NaturalPatches(folders(), 100, 30);
    List<NaturalPatches.Photo> photos = np.photos();
    assertThat(photos).extracting(p -> p.file().getFileName().toString())
        .containsExactly("aloeL.jpg.png", "aloeR.png", "astronaut.png", "baboon.png", "coffee.png", "fruits.png");
    // 5 scenes: 20% is 1 test scene, and both aloe photos land on the same side.
    assertThat(photos.stream().filter(p -> p.split() == Split.TEST).map(p -> p.scene()).distinct())
        .hasSize(1);
    assertThat(photos.get(0).split()).isEqualTo(photos.get(1).split());
  }

  @Test
  void patchesHaveTheRightShapeRangeAndAreDeterministic() throws IOException {
    List<Path> dirs = folders();
    Dataset train = new NaturalPatches(dirs, 100, 30).load("patches32", Split.TRAIN);
    Dataset test = new NaturalPatches(dirs, 100, 30).load("patches32", Split.TEST);
    assertThat(train.shape()).containsExactly(100, 32, 32, 3);
    assertThat(test.shape()).containsExactly(30, 32, 32, 3);
    assertThat(train.hasLabels()).isFalse();
    for (float v : train.images()) {
      assertThat(v).isBetween(0f, 1f);
    }
    Dataset again = new NaturalPatches(dirs, 100, 30).load("patches32", Split.TRAIN);
    assertThat(again.images()).isEqualTo(train.images());
    // Noise photos: a patch is never all-gray, so none was cropped from camera.png.
    float[] first = train.batch(new int[] {0});
    assertThat(first[0] != first[1] || first[1] != first[2] || first[3] != first[4]).isTrue();
  }

  @Test
  void patchPixelsAreCopiedFromThePhoto() throws IOException {
    // One colour photo exactly 32x32 per scene: every patch is the whole photo.
    Path a = tmp.resolve("one");
    png(a.resolve("apple.png"), 32, 32, true, 11);
    png(a.resolve("orange.png"), 32, 32, true, 12);
    NaturalPatches np = new NaturalPatches(List.of(a), 2, 1);
    NaturalPatches.Photo trainPhoto = np.photos().stream().filter(p -> p.split() == Split.TRAIN).findFirst().orElseThrow();
    BufferedImage im = ImageIO.read(trainPhoto.file().toFile());
    Dataset d = np.load("p", Split.TRAIN);
    int argb = im.getRGB(5, 7);
    int o = (7 * 32 + 5) * 3;
    assertThat(d.images()[o]).isEqualTo(((argb >> 16) & 0xff) / 255f);
    assertThat(d.images()[o + 1]).isEqualTo(((argb >> 8) & 0xff) / 255f);
    assertThat(d.images()[o + 2]).isEqualTo((argb & 0xff) / 255f);
    assertThat(d.batch(new int[] {1})).isEqualTo(d.batch(new int[] {0}));
  }

  @Test
  void oneSceneCannotBeSplit() throws IOException {
    Path a = tmp.resolve("single");
    png(a.resolve("pic1.png"), 40, 40, true, 1);
    png(a.resolve("pic2.png"), 40, 40, true, 2);
    assertThatThrownBy(() -> new NaturalPatches(List.of(a), 1, 1).load("p", Split.TRAIN))
        .hasMessageContaining("at least 2 scenes");
  }

  @Test
  void testScenesAreAFixedFifth() {
    Set<String> ten = Set.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
    assertThat(NaturalPatches.testScenes(ten)).hasSize(2).isEqualTo(NaturalPatches.testScenes(ten));
  }

  /**
   * The photos the class Javadoc promises, from the real packages unpacked into HRVQ_DATA (installed
   * when missing: 116 MB of .debs): 60 of the 125 PNG/JPEG files, 45 scenes, 36 (50 photos) train
   * and 9 (10 photos) test. Only with {@code -Preal-data}.
   */
  @Test
  @Tag("real-data")
  void realDebianPhotosGiveTheDocumentedSplit() throws IOException {
    DataLocations locations = RealData.dataSets("patches32").locations();
    long files = 0;
    for (Path dir : List.of(locations.skimageDataDir(), locations.opencvDataDir())) {
      try (Stream<Path> s = Files.list(dir)) {
        files += s.map(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT))
            .filter(f -> f.endsWith(".png") || f.endsWith(".jpg") || f.endsWith(".jpeg")).count();
      }
    }
    List<NaturalPatches.Photo> photos = NaturalPatches.standard(locations).photos();
    assertThat(files).isEqualTo(125);
    assertThat(photos).hasSize(60);
    assertThat(photos.stream().map(NaturalPatches.Photo::scene).distinct()).hasSize(45);
    for (Split split : Split.values()) {
      List<NaturalPatches.Photo> mine = photos.stream().filter(p -> p.split() == split).toList();
      assertThat(mine).hasSize(split == Split.TRAIN ? 50 : 10);
      assertThat(mine.stream().map(NaturalPatches.Photo::scene).distinct()).hasSize(split == Split.TRAIN ? 36 : 9);
    }
  }
}
