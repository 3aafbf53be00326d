package dev.hrvq.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One process per run directory: an OS file lock on {@code RUN_DIR/.hrvq.lock}, held for the
 * whole run. The file records the holder (pid, host, start time) so a refused second process can
 * name it. The operating system releases the lock when its process dies, however it dies, so a
 * lock file left by a dead process never blocks; the file itself stays (it is hrvq's own).
 */
public final class RunLock implements AutoCloseable {
  static final String FILE = ".hrvq.lock";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (which must exist) for this process, or refuses naming the process that holds
   * it.
   *
   * @throws IllegalStateException if another process (or this one) holds the lock
   */
  public static RunLock acquire(Path dir) {
    Path file = dir.resolve(FILE);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        String holder = holder(file);
        channel.close();
        throw new IllegalStateException("run directory " + dir + " is in use by " + holder
            + "; one process per run directory: wait for it to finish or stop it, or use another --out");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(describeThisProcess())), 0);
      channel.force(true);
      return new RunLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock run directory " + dir + " (" + file + ")", e);
    }
  }

  private static Map<String, Object> describeThisProcess() {
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("pid", ProcessHandle.current().pid());
    me.put("host", Provenance.hostName());
    me.put("started", Instant.now().toString());
    return me;
  }

  /** "process 1234 on host h (since 2026-12-01T10:00:00Z)", from the lock file. */
  private static String holder(Path file) {
    try {
      JsonNode who = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return "process " + who.path("pid").asText("?") + " on host " + who.path("host").asText("?")
          + " (since " + who.path("started").asText("?") + ")";
    } catch (IOException | RuntimeException e) {
      return "another process (its details in " + file + " are unreadable)";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing after a failure; the failure is what gets reported.
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the run directory lock", e);
    }
  }
}
