package dev.hrvq.experiments.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.quantize.LayerHealth;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/** Event files written, read back byte by byte and through the reader, and damaged. */
class EventFilesTest {
  @TempDir Path tmp;

  @Test
  void theFramingMatchesBytesDerivedByHandFromTheSpec() {
    // CRC32C("123456789") is 0xE3069283, the standard check value (RFC 3720, B.4); masked by hand:
    // ((c >>> 15) | (c << 17)) + 0xa282ead8 = 0xc78ab0e5.
    byte[] check = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(TfRecord.maskedCrc(check, 0, check.length)).isEqualTo(0xc78ab0e5);
    // Event{wall_time: 1.5, file_version: "brain.Event:2"}: field 1 (double, key 0x09) then field 3
    // (string, key 0x1a, length 13); the record's CRCs were computed with a separate bitwise CRC32C.
    Event e = Event.newBuilder().setWallTime(1.5).setFileVersion("brain.Event:2").build();
    String data = "09000000000000f83f" + "1a0d" + "627261696e2e4576656e743a32";
    assertThat(HexFormat.of().formatHex(e.toByteArray())).isEqualTo(data);
    assertThat(HexFormat.of().formatHex(TfRecord.frame(e.toByteArray())))
        .isEqualTo("1800000000000000" + "a37f4b22" + data + "2a28646c");
  }

  @Test
  void aRunsEventsReadBackWithEveryField() throws Exception {
    Path png = tmp.resolve("grid.png");
    ImageIO.write(new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
    double before = System.currentTimeMillis() / 1000.0;
    Path file;
    try (RunEvents events = RunEvents.open(tmp.resolve("run"), 0)) {
      file = events.file();
      Map<String, Float> terms = new LinkedHashMap<>();
      terms.put("loss", 0.5f);
      terms.put("recon", 0.25f);
      events.losses(5, terms);
      events.evaluation(10, 0.125, List.of(LayerHealth.of("codes", 1, new long[] {3, 1, 0, 0})));
      events.image("reconstructions", 10, png);
    }
    double after = System.currentTimeMillis() / 1000.0;
    assertThat(file.getParent()).isEqualTo(tmp.resolve("run/events"));
    assertThat(file.getFileName().toString())
        .matches("events\\.out\\.tfevents\\.\\d{10}\\." + java.util.regex.Pattern.quote(EventWriter.host()) + "\\." + ProcessHandle.current().pid());

    List<byte[]> records = records(Files.readAllBytes(file));
    List<Event> events = EventReader.read(file);
    assertThat(records).hasSize(5);
    assertThat(events).hasSize(5);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).toByteArray()).isEqualTo(records.get(i));
      assertThat(events.get(i).getWallTime()).isBetween(Math.floor(before), after);
    }
    assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
    assertThat(events.get(1).getSessionLog().getStatus()).isEqualTo(SessionLog.SessionStatus.START);
    assertThat(events.get(1).getStep()).isEqualTo(1);

    Event losses = events.get(2);
    assertThat(losses.getStep()).isEqualTo(5);
    assertThat(losses.getSummary().getValueList()).extracting(Summary.Value::getTag, Summary.Value::getSimpleValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("train/loss", 0.5f), org.assertj.core.groups.Tuple.tuple("train/recon", 0.25f));
    Event eval = events.get(3);
    assertThat(eval.getStep()).isEqualTo(10);
    Map<String, Float> byTag = new LinkedHashMap<>();
    eval.getSummary().getValueList().forEach(v -> byTag.put(v.getTag(), v.getSimpleValue()));
    assertThat(byTag).containsExactly(Map.entry("test/mse", 0.125f), Map.entry("usage/codes/layer1", 0.5f),
        Map.entry("perplexity/codes/layer1", (float) Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)))),
        Map.entry("dead_codes/codes/layer1", 2f));
    Summary.Value image = events.get(4).getSummary().getValue(0);
    assertThat(image.getTag()).isEqualTo("reconstructions");
    assertThat(image.getImage().getWidth()).isEqualTo(7);
    assertThat(image.getImage().getHeight()).isEqualTo(5);
    assertThat(image.getImage().getColorspace()).as("RGB").isEqualTo(3);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.getImage().getEncodedImageString().toByteArray()));
    assertThat(decoded.getWidth()).isEqualTo(7);
    assertThat(decoded.getHeight()).isEqualTo(5);
  }

  @Test
  void aDamagedByteIsCaughtWithTheFileAndOffset() throws Exception {
    Path file = threeScalars();
    byte[] good = Files.readAllBytes(file);
    List<byte[]> records = records(good);
    int second = 12 + records.get(0).length + 4; // the START event's record
    int third = second + 12 + records.get(1).length + 4;

    byte[] data = good.clone();
    data[third + 12 + 3] ^= 0x10;
    Files.write(file, data);
    assertThatThrownBy(() -> EventReader.read(file)).isInstanceOf(EventFileException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("data's CRC does not match")
        .hasMessageContaining("byte offset " + third)
        .satisfies(e -> assertThat(((EventFileException) e).offset()).isEqualTo(third));

    byte[] length = good.clone();
    length[second] ^= 0x01;
    Files.write(file, length);
    assertThatThrownBy(() -> EventReader.read(file)).isInstanceOf(EventFileException.class)
        .hasMessageContaining("length's CRC does not match").hasMessageContaining("byte offset " + second);

    byte[] crc = good.clone();
    crc[good.length - 1] ^= (byte) 0x80;
    Files.write(file, crc);
    assertThatThrownBy(() -> EventReader.read(file)).hasMessageContaining("data's CRC does not match");
  }

  @Test
  void aRecordCutShortByAKillIsIgnoredWithAWarning() throws Exception {
    Path file = threeScalars();
    byte[] good = Files.readAllBytes(file);
    List<String> warnings = new ArrayList<>();
    Files.write(file, java.util.Arrays.copyOf(good, good.length - 3));
    assertThat(EventReader.read(file, warnings::add)).hasSize(2);
    assertThat(warnings).singleElement().asString().contains(file.toString()).contains("incomplete");
    warnings.clear();
    Files.write(file, java.util.Arrays.copyOf(good, good.length - records(good).get(2).length - 10));
    assertThat(EventReader.read(file, warnings::add)).hasSize(2);
    assertThat(warnings).hasSize(1);
  }

  @Test
  void aResumedFileMakesTensorBoardDropThePointsAfterTheCheckpoint() {
    Path run = tmp.resolve("run");
    try (RunEvents first = RunEvents.open(run, 0)) {
      for (long step = 5; step <= 20; step += 5) {
        first.losses(step, Map.of("loss", (float) step));
      }
    }
    // Killed at step 20 after a checkpoint at 10: the next process continues from 10.
    try (RunEvents resumed = RunEvents.open(run, 10)) {
      for (long step = 15; step <= 30; step += 5) {
        resumed.losses(step, Map.of("loss", step + 0.5f));
      }
    }
    List<Path> files = EventReader.files(run.resolve("events"));
    assertThat(files).as("a new file, the old one kept").hasSize(2);
    Event start = EventReader.read(files.get(1)).get(1);
    assertThat(start.getSessionLog().getStatus()).isEqualTo(SessionLog.SessionStatus.START);
    assertThat(start.getStep()).as("the first step the resumed process logs").isEqualTo(11);
    assertThat(TensorBoardView.read(run.resolve("events")).scalars().get("train/loss"))
        .containsExactly(Map.entry(5L, 5f), Map.entry(10L, 10f), Map.entry(15L, 15.5f), Map.entry(20L, 20.5f), Map.entry(25L, 25.5f),
            Map.entry(30L, 30.5f));
  }

  @Test
  void writersInOneFolderNeverShareAFile() {
    Path run = tmp.resolve("run");
    try (RunEvents a = RunEvents.open(run, 0); RunEvents b = RunEvents.open(run, 0)) {
      assertThat(a.file()).isNotEqualTo(b.file());
      assertThat(EventReader.files(run.resolve("events"))).containsExactly(a.file(), b.file());
    }
  }

  @Test
  void aGreyPngIsColourspaceOneAndOtherFilesAreRefused() throws Exception {
    Path png = tmp.resolve("grey.png");
    ImageIO.write(new BufferedImage(3, 4, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
    assertThat(PngHeader.of(Files.readAllBytes(png), png)).isEqualTo(new PngHeader(3, 4, 1));
    Path text = tmp.resolve("not.png");
    Files.writeString(text, "this is not a PNG file at all");
    try (RunEvents events = RunEvents.open(tmp, 0)) {
      assertThatThrownBy(() -> events.image("x", 1, text)).hasMessageContaining(text + " is not a PNG file");
    }
  }

  /** A file of file version, START and one scalar event. */
  private Path threeScalars() {
    try (RunEvents events = RunEvents.open(tmp, 0)) {
      events.scalars(1, Map.of("a", 1f));
      return events.file();
    }
  }

  /** The data of each record, with its framing and both CRCs checked here, independently of the reader. */
  private static List<byte[]> records(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> out = new ArrayList<>();
    while (b.hasRemaining()) {
      int start = b.position();
      long length = b.getLong();
      assertThat(b.getInt()).as("length CRC at %d", start).isEqualTo(masked(file, start, 8));
      byte[] data = new byte[(int) length];
      b.get(data);
      assertThat(b.getInt()).as("data CRC at %d", start).isEqualTo(masked(file, start + 12, data.length));
      out.add(data);
    }
    return out;
  }

  private static int masked(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    long c = crc.getValue();
    return (int) ((((c >>> 15) | (c << 17)) & 0xffffffffL) + 0xa282ead8L);
  }
}
