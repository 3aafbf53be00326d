package dev.hrvq.experiments.events;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.tensorflow.proto.Event;

/**
 * Reads TensorBoard event files back: TFRecord framing with both CRCs checked, each record parsed
 * as an Event. A CRC that does not match, or data that is not an Event, is an
 * {@link EventFileException} naming the file and the record's offset. A last record cut short (a
 * process killed mid-write) counts as not written, with a warning, as TensorBoard treats it.
 */
public final class EventReader {
  private EventReader() {}

  /** The events of one file, in order; warnings go to standard error. */
  public static List<Event> read(Path file) {
    return read(file, System.err::println);
  }

  /** As {@link #read(Path)}, with the warning about a cut-short last record sent to {@code warn}. */
  public static List<Event> read(Path file, Consumer<String> warn) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      if (bytes.length - at < TfRecord.HEADER) {
        warn.accept(torn(file, at));
        break;
      }
      long length = b.getLong(at);
      // The length is trusted only once its own CRC matches: a damaged length would misframe the rest.
      if (b.getInt(at + 8) != TfRecord.maskedCrc(bytes, at, 8)) {
        throw new EventFileException(file, at, "the length's CRC does not match");
      }
      if (length < 0) {
        throw new EventFileException(file, at, "the length " + Long.toUnsignedString(length) + " is impossible");
      }
      if (length > bytes.length - at - TfRecord.HEADER - TfRecord.FOOTER) {
        warn.accept(torn(file, at));
        break;
      }
      int data = at + TfRecord.HEADER;
      int n = (int) length;
      if (b.getInt(data + n) != TfRecord.maskedCrc(bytes, data, n)) {
        throw new EventFileException(file, at, "the data's CRC does not match");
      }
      try {
        events.add(Event.parseFrom(Arrays.copyOfRange(bytes, data, data + n)));
      } catch (InvalidProtocolBufferException e) {
        throw new EventFileException(file, at, "the data is not an Event (" + e.getMessage() + ")");
      }
      at = data + n + TfRecord.FOOTER;
    }
    return events;
  }

  /** The event files of a folder ({@code events.out.tfevents.*}), in name order, as TensorBoard reads them. */
  public static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().startsWith(EventWriter.PREFIX)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** Every event of every event file in {@code folder}, file after file. */
  public static List<Event> readAll(Path folder) {
    List<Event> all = new ArrayList<>();
    files(folder).forEach(f -> all.addAll(read(f)));
    return all;
  }

  private static String torn(Path file, int offset) {
    return "warning: " + file + ": the last record (byte offset " + offset + ") is incomplete (a write was interrupted); it is ignored";
  }
}
