package dev.hrvq.experiments.events;

import java.nio.file.Path;

/** An event file that is damaged: a CRC that does not match, or a record that is not an Event. */
public final class EventFileException extends IllegalArgumentException {
  private final transient Path file;
  private final long offset;

  EventFileException(Path file, long offset, String what) {
    super(file + ": " + what + " in the record at byte offset " + offset + "; the file is damaged (it was edited, or the disk failed)");
    this.file = file;
    this.offset = offset;
  }

  public Path file() {
    return file;
  }

  /** Where the damaged record starts. */
  public long offset() {
    return offset;
  }
}
