package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding an image folder to data sets, with exact pixel values, and its cache: hits, invalidation, damage. */
class ImageFolderTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  private Path images() {
    return tmp.resolve("images");
  }

  private ImageFolder folder() {
    return new ImageFolder(tmp.resolve("cache"), new PrintStream(log, true));
  }

  private ImageFolderOptions options(int size, Integer channels) {
    return new ImageFolderOptions(images(), size, channels, 0.5, 0, false, false);
  }

  /** A 4x4 gray PNG in train/ and test/ that halves to known values, and one flat image each. */
  private void grayFolder() {
    TestImages.gray(images().resolve("train/a.png"), new int[][] {
        {0, 10, 100, 100},
        {20, 30, 100, 100},
        {0, 0, 255, 255},
        {0, 0, 255, 254}});
    TestImages.flatGray(images().resolve("test/b.png"), 6, 4, 40);
  }

  @Test
  void grayImagesAreResizedCroppedAndRoundedToEightBits() {
    grayFolder();
    ImageFolder.Splits s = folder().load(options(2, null));
    assertThat(s.train().shape()).containsExactly(1, 2, 2, 1);
    // Means of the 2x2 blocks: 15, 100, 0, 254.75 -> 255 after rounding.
    assertThat(s.train().images()).containsExactly(new float[] {15 / 255f, 100 / 255f, 0, 1f}, within(1e-7f));
    assertThat(s.test().images()).containsExactly(new float[] {40 / 255f, 40 / 255f, 40 / 255f, 40 / 255f}, within(1e-7f));
    assertThat(s.labelled()).isFalse();
    assertThat(s.train().hasLabels()).isFalse();
  }

  @Test
  void oneColourImageMakesTheFolderRgbWithGrayCopied() {
    TestImages.flatGray(images().resolve("train/gray.png"), 2, 2, 60);
    TestImages.flatRgb(images().resolve("train/red.bmp"), 2, 2, 0xC86432); // 200, 100, 50
    TestImages.flatGray(images().resolve("test/t.png"), 2, 2, 9);
    ImageFolder.Splits s = folder().load(options(1, null));
    assertThat(s.train().c()).isEqualTo(3);
    // The split keeps a seeded shuffle of the two training files; find each by its first value.
    float[] px = s.train().images();
    float[] gray = px[0] == 60 / 255f ? java.util.Arrays.copyOfRange(px, 0, 3) : java.util.Arrays.copyOfRange(px, 3, 6);
    float[] red = px[0] == 60 / 255f ? java.util.Arrays.copyOfRange(px, 3, 6) : java.util.Arrays.copyOfRange(px, 0, 3);
    assertThat(gray).containsExactly(60 / 255f, 60 / 255f, 60 / 255f);
    assertThat(red).containsExactly(200 / 255f, 100 / 255f, 50 / 255f);
    assertThat(s.test().images()).containsExactly(9 / 255f, 9 / 255f, 9 / 255f);
  }

  @Test
  void channelsOneTakesTheLumaOfRgb() {
    TestImages.flatRgb(images().resolve("train/x.png"), 2, 2, 0xC86432);
    TestImages.flatRgb(images().resolve("test/y.png"), 2, 2, 0xFF0000);
    ImageFolder.Splits s = folder().load(options(2, 1));
    // 0.299 * 200 + 0.587 * 100 + 0.114 * 50 = 124.2 -> 124; pure red: 76.245 -> 76.
    assertThat(s.train().images()).containsOnly(124 / 255f);
    assertThat(s.test().images()).containsOnly(76 / 255f);
  }

  @Test
  void jpegsDecodeToNearlyTheirColour() {
    TestImages.flatRgb(images().resolve("train/photo.jpg"), 16, 16, 0x3080C0);
    TestImages.flatGray(images().resolve("test/gray.jpeg"), 16, 16, 128);
    ImageFolder.Splits s = folder().load(options(8, null));
    assertThat(s.train().c()).isEqualTo(3);
    float[] px = s.train().images();
    assertThat(px[0]).isCloseTo(0x30 / 255f, within(4 / 255f));
    assertThat(px[1]).isCloseTo(0x80 / 255f, within(4 / 255f));
    assertThat(px[2]).isCloseTo(0xC0 / 255f, within(4 / 255f));
    for (float v : s.test().images()) {
      assertThat(v).isCloseTo(128 / 255f, within(2 / 255f));
    }
  }

  @Test
  void classFoldersBecomeLabels() {
    TestImages.flatGray(images().resolve("train/b-class/1.png"), 4, 4, 1);
    TestImages.flatGray(images().resolve("train/a-class/2.png"), 4, 4, 2);
    TestImages.flatGray(images().resolve("test/b-class/3.png"), 4, 4, 3);
    ImageFolder.Splits s = folder().load(options(4, null));
    assertThat(s.classes()).containsExactly("a-class", "b-class");
    for (int i = 0; i < 2; i++) {
      int value = Math.round(s.train().images()[i * 16] * 255);
      assertThat(s.train().labels()[i]).as("image of value %d", value).isEqualTo(value == 2 ? 0 : 1);
    }
    assertThat(s.test().labels()).containsExactly(1);
  }

  @Test
  void theSecondLoadReadsTheCacheAndDecodesNothing() throws IOException {
    grayFolder();
    ImageFolder first = folder();
    ImageFolder.Splits a = first.load(options(2, null));
    assertThat(first.decodedLastLoad()).isEqualTo(2);
    assertThat(log.toString()).contains("decoded 2 images from " + images()).contains("cached in " + a.cacheFile());
    assertThat(a.cacheFile().getParent()).isEqualTo(tmp.resolve("cache"));
    assertThat(a.cacheFile().getFileName().toString()).isEqualTo(a.key() + ".bin").matches("[0-9a-f]{64}\\.bin");
    log.reset();
    ImageFolder second = folder();
    ImageFolder.Splits b = second.load(options(2, null));
    assertThat(second.decodedLastLoad()).isZero();
    assertThat(log.toString()).isEmpty();
    assertThat(b.train().images()).containsExactly(a.train().images());
    assertThat(b.test().images()).containsExactly(a.test().images());
    assertThat(b.key()).isEqualTo(a.key());
    try (Stream<Path> files = Files.list(tmp.resolve("cache"))) {
      assertThat(files).as("no temporary file is left").containsExactly(a.cacheFile());
    }
  }

  @Test
  void aChangedFileOrSettingGivesANewKeyAndDecodesAgain() {
    grayFolder();
    ImageFolder f = folder();
    String key = f.load(options(2, null)).key();
    TestImages.flatGray(images().resolve("test/b.png"), 6, 4, 41);
    ImageFolder.Splits changed = f.load(options(2, null));
    assertThat(f.decodedLastLoad()).isEqualTo(2);
    assertThat(changed.key()).isNotEqualTo(key);
    assertThat(changed.test().images()[0]).isEqualTo(41 / 255f);
    assertThat(f.load(options(2, 3)).key()).as("channels are part of the key").isNotEqualTo(changed.key());
    assertThat(f.decodedLastLoad()).isEqualTo(2);
    assertThat(f.load(options(4, null)).key()).as("so is the size").isNotEqualTo(changed.key());
  }

  @Test
  void movingTheFolderKeepsTheKey() throws IOException {
    grayFolder();
    String key = folder().load(options(2, null)).key();
    Path moved = Files.move(images(), tmp.resolve("moved"));
    ImageFolder f = folder();
    assertThat(f.load(new ImageFolderOptions(moved, 2, null, 0.5, 0, false, false)).key()).isEqualTo(key);
    assertThat(f.decodedLastLoad()).isZero();
  }

  @Test
  void aCorruptCacheFileIsReportedAndRebuilt() throws IOException {
    grayFolder();
    ImageFolder.Splits a = folder().load(options(2, null));
    byte[] bytes = Files.readAllBytes(a.cacheFile());
    bytes[bytes.length - 2] ^= 0x40; // a pixel of the test split
    Files.write(a.cacheFile(), bytes);
    log.reset();
    ImageFolder f = folder();
    ImageFolder.Splits b = f.load(options(2, null));
    assertThat(log.toString()).contains("image cache " + a.cacheFile() + " is damaged (checksum mismatch").contains("decoding the images again");
    assertThat(f.decodedLastLoad()).isEqualTo(2);
    assertThat(b.test().images()).containsExactly(a.test().images());
    ImageFolder third = folder();
    third.load(options(2, null));
    assertThat(third.decodedLastLoad()).as("the rebuilt file is good").isZero();
  }

  @Test
  void aTruncatedCacheFileIsReportedAndRebuilt() throws IOException {
    grayFolder();
    ImageFolder.Splits a = folder().load(options(2, null));
    byte[] bytes = Files.readAllBytes(a.cacheFile());
    Files.write(a.cacheFile(), java.util.Arrays.copyOf(bytes, bytes.length - 3));
    log.reset();
    ImageFolder f = folder();
    f.load(options(2, null));
    assertThat(log.toString()).contains("is damaged (truncated or padded: " + (bytes.length - 3) + " bytes where the header says " + bytes.length + ")");
    assertThat(f.decodedLastLoad()).isEqualTo(2);
    Files.writeString(a.cacheFile(), "junk");
    f.load(options(2, null));
    assertThat(log.toString()).contains("not an hrvq image cache file of this version");
  }

  @Test
  void anUnreadableFileIsAnErrorNamingIt() throws IOException {
    grayFolder();
    Path broken = images().resolve("train/broken.png");
    Files.writeString(broken, "this is not a PNG");
    assertThatThrownBy(() -> folder().load(options(2, null)))
        .hasMessage(broken + ": cannot decode this image (no PNG, JPEG or BMP decoder accepts it); fix or remove the file,"
            + " or set data.skip_unreadable true to skip unreadable files");
    assertThat(tmp.resolve("cache")).doesNotExist();
  }

  @Test
  void skipUnreadableSkipsAndCountsThem() throws IOException {
    grayFolder();
    Files.writeString(images().resolve("train/broken.png"), "this is not a PNG");
    byte[] png = Files.readAllBytes(images().resolve("train/a.png"));
    Files.write(images().resolve("train/cut.png"), java.util.Arrays.copyOf(png, 40)); // a truncated PNG
    ImageFolder f = folder();
    ImageFolder.Splits s = f.load(new ImageFolderOptions(images(), 2, null, 0.5, 0, true, false));
    assertThat(s.train().n()).isEqualTo(1);
    assertThat(f.decodedLastLoad()).isEqualTo(2);
    assertThat(log.toString()).contains("skipped 2 unreadable file(s) in " + images() + " (data.skip_unreadable): ")
        .contains("train/broken.png").contains("train/cut.png").contains("(2 unreadable skipped)");
  }

  @Test
  void aSplitLeftEmptyBySkippingIsAnError() throws IOException {
    TestImages.flatGray(images().resolve("train/a.png"), 2, 2, 1);
    Files.writeString(Files.createDirectories(images().resolve("test")).resolve("broken.png"), "not an image");
    assertThatThrownBy(() -> folder().load(new ImageFolderOptions(images(), 2, null, 0.5, 0, true, false)))
        .hasMessage(images() + ": no readable images left in the test split after skipping 1 unreadable file(s)");
  }

  @Test
  void anImageSmallerThanTheSizeIsAnErrorUnlessUpscaling() {
    TestImages.gray(images().resolve("train/small.png"), new int[][] {{0, 255}, {255, 0}});
    TestImages.flatGray(images().resolve("test/big.png"), 8, 8, 7);
    Path small = images().resolve("train/small.png");
    assertThatThrownBy(() -> folder().load(options(4, null)))
        .hasMessage(small + ": 2x2 is smaller than data.image_size 4 on its shorter side; remove it, lower data.image_size,"
            + " or set data.upscale true to enlarge small images");
    ImageFolder.Splits s = folder().load(new ImageFolderOptions(images(), 4, null, 0.5, 0, false, true));
    float o = 1f;
    assertThat(s.train().images()).containsExactly(0, 0, o, o, 0, 0, o, o, o, o, 0, 0, o, o, 0, 0);
  }
}
