package dev.hrvq.experiments.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * The decoded copy of an image folder on disk, so later epochs and runs never decode again.
 *
 * <p>Layout: a 24-byte header (the magic {@code HRVQIMG1}, the payload's length as a big-endian
 * long, the CRC-32 of the payload as a long), then the payload written by {@link DataOutputStream}:
 * the cache key (UTF), size, channels, the class names (count, then each UTF), the number of files
 * skipped as unreadable, and for the train then the test split: the image count, 1 if labelled,
 * the labels (ints) when labelled, and the pixels as unsigned bytes ({@code n x size x size x channels},
 * NHWC). A file whose magic, length, checksum or key does not match is {@link Damaged}.
 *
 * <p>Written to a temporary sibling and renamed over the target, so a reader never sees half a file.
 */
final class ImageCache {
  private static final byte[] MAGIC = "HRVQIMG1".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = 24;

  private ImageCache() {}

  /** The decoded images: pixels as bytes, labels empty when unlabelled. */
  record Contents(String key, int size, int channels, List<String> classes, int skipped,
      byte[] train, int[] trainLabels, byte[] test, int[] testLabels) {

    int perImage() {
      return size * size * channels;
    }
  }

  /** A cache file that cannot be trusted; the message says why. */
  static final class Damaged extends IOException {
    private static final long serialVersionUID = 1L;

    Damaged(String why) {
      super(why);
    }
  }

  static void write(Path file, Contents c) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.allocate(HEADER));
        CRC32 crc = new CRC32();
        DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
            new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), crc));
        payload(out, c);
        out.flush();
        long length = channel.position() - HEADER;
        ByteBuffer header = ByteBuffer.allocate(HEADER).put(MAGIC).putLong(length).putLong(crc.getValue()).flip();
        channel.write(header, 0);
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void payload(DataOutputStream out, Contents c) throws IOException {
    out.writeUTF(c.key());
    out.writeInt(c.size());
    out.writeInt(c.channels());
    out.writeInt(c.classes().size());
    for (String name : c.classes()) {
      out.writeUTF(name);
    }
    out.writeInt(c.skipped());
    split(out, c.train(), c.trainLabels(), c.perImage());
    split(out, c.test(), c.testLabels(), c.perImage());
  }

  private static void split(DataOutputStream out, byte[] pixels, int[] labels, int per) throws IOException {
    int n = pixels.length / per;
    out.writeInt(n);
    out.writeInt(labels.length > 0 ? 1 : 0);
    for (int label : labels) {
      out.writeInt(label);
    }
    out.write(pixels);
  }

  /** The contents of {@code file}, checked against its header and {@code key}. */
  static Contents read(Path file, String key) throws IOException {
    long size = Files.size(file);
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    try (FileChannel channel = FileChannel.open(file)) {
      while (header.hasRemaining() && channel.read(header) >= 0) {
        // read the whole header
      }
    }
    header.flip();
    byte[] magic = new byte[MAGIC.length];
    if (header.remaining() < HEADER || !Arrays.equals(get(header, magic), MAGIC)) {
      throw new Damaged("not an hrvq image cache file of this version (no " + new String(MAGIC, StandardCharsets.US_ASCII) + " header)");
    }
    long length = header.getLong();
    long crc = header.getLong();
    if (size != HEADER + length) {
      throw new Damaged("truncated or padded: " + size + " bytes where the header says " + (HEADER + length));
    }
    long actual = checksum(file);
    if (actual != crc) {
      throw new Damaged("checksum mismatch (CRC-32 " + Long.toHexString(actual) + ", header says " + Long.toHexString(crc) + ")");
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      in.skipNBytes(HEADER);
      String stored = in.readUTF();
      if (!stored.equals(key)) {
        throw new Damaged("it holds key " + stored + ", not " + key);
      }
      int imageSize = in.readInt();
      int channels = in.readInt();
      int classCount = in.readInt();
      List<String> classes = new ArrayList<>();
      for (int i = 0; i < classCount; i++) {
        classes.add(in.readUTF());
      }
      int skipped = in.readInt();
      int per = imageSize * channels * imageSize;
      int[][] labels = new int[2][];
      byte[][] pixels = new byte[2][];
      for (int s = 0; s < 2; s++) {
        int n = in.readInt();
        boolean labelled = in.readInt() == 1;
        labels[s] = new int[labelled ? n : 0];
        for (int i = 0; i < labels[s].length; i++) {
          labels[s][i] = in.readInt();
        }
        pixels[s] = in.readNBytes(Math.multiplyExact(n, per));
        if (pixels[s].length != n * per) {
          throw new Damaged("ends inside the pixels");
        }
      }
      if (in.read() != -1) {
        throw new Damaged("has bytes after the test pixels");
      }
      return new Contents(stored, imageSize, channels, List.copyOf(classes), skipped, pixels[0], labels[0], pixels[1], labels[1]);
    } catch (EOFException | ArithmeticException e) {
      throw new Damaged("ends early or has impossible counts");
    }
  }

  private static byte[] get(ByteBuffer b, byte[] into) {
    b.get(into);
    return into;
  }

  private static long checksum(Path file) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(HEADER);
      for (int r; (r = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, r);
      }
    }
    return crc.getValue();
  }
}
