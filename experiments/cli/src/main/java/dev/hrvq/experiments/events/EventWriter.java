package dev.hrvq.experiments.events;

import dev.hrvq.experiments.run.Provenance;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.tensorflow.proto.Event;

/**
 * Appends Events to a new event file in a folder, named as TensorFlow names them
 * ({@code events.out.tfevents.<unix seconds>.<host>.<pid>}), the first event being the file
 * version TensorBoard expects. An existing file is never opened: a name already taken (a second
 * writer in the same second) gets a {@code .1}, {@code .2}... suffix, which sorts after it.
 */
public final class EventWriter implements AutoCloseable {
  static final String PREFIX = "events.out.tfevents.";
  /** What TensorBoard expects in the first event of a file. */
  public static final String FILE_VERSION = "brain.Event:2";

  private final Path file;
  private final OutputStream out;

  private EventWriter(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /** Creates a new event file in {@code folder} (created if absent) and writes the file version. */
  public static EventWriter create(Path folder) {
    try {
      Files.createDirectories(folder);
      long now = System.currentTimeMillis();
      String base = PREFIX + now / 1000 + "." + host() + "." + ProcessHandle.current().pid();
      for (int n = 0; ; n++) {
        Path file = folder.resolve(n == 0 ? base : base + "." + n);
        try {
          OutputStream os = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          EventWriter w = new EventWriter(file, new BufferedOutputStream(os));
          w.write(Event.newBuilder().setWallTime(now / 1000.0).setFileVersion(FILE_VERSION).build());
          w.flush();
          return w;
        } catch (FileAlreadyExistsException taken) {
          // Try the next suffix.
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create an event file in " + folder, e);
    }
  }

  public Path file() {
    return file;
  }

  /** Appends one event (buffered until {@link #flush}). */
  public void write(Event event) {
    try {
      out.write(TfRecord.frame(event.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + file, e);
    }
  }

  /** Hands what was written to the operating system, so a killed process keeps it. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }

  /** The host name as it may appear in a file name (TensorBoard only needs "tfevents" in it). */
  static String host() {
    String safe = Provenance.hostName().replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() ? "localhost" : safe;
  }
}
