package dev.hrvq.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run directory taken for one process: checked to be empty, absent or an hrvq run directory
 * (never a folder of someone else's files), created if needed, and locked ({@link RunLock}) until
 * closed. Until {@link #started} is called, {@link #close} removes exactly what this claim created
 * (the folder itself only if it made it and nothing else is in it), so a run refused before its
 * first step leaves nothing behind.
 */
public final class RunClaim implements AutoCloseable {
  private final Path dir;
  private final RunLock lock;
  private final List<Path> created = new ArrayList<>();
  private boolean started;

  private RunClaim(Path dir, RunLock lock, boolean createdDir) {
    this.dir = dir;
    this.lock = lock;
    if (createdDir) {
      created.add(dir);
    }
  }

  /**
   * Claims {@code dir} for a run whose config file (in the folder) is {@code configFile}.
   *
   * @throws IllegalArgumentException if {@code dir} is a file, or a folder with other contents that
   *     is not a run directory
   * @throws IllegalStateException if another process holds the directory
   */
  public static RunClaim take(Path dir, Path configFile) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("run directory " + dir + " is a file, not a folder; choose another --out");
    }
    if (Files.isDirectory(dir) && !Files.exists(configFile) && !isEmpty(dir)) {
      throw new IllegalArgumentException("run directory " + dir + " already holds files and is not an hrvq run directory (it has no "
          + configFile.getFileName() + "); hrvq writes only into new or empty folders or its own run directories: choose another --out");
    }
    boolean createdDir = !Files.exists(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run directory " + dir, e);
    }
    Path lockFile = dir.resolve(RunLock.FILE);
    boolean createdLock = !Files.exists(lockFile);
    RunLock lock;
    try {
      lock = RunLock.acquire(dir);
    } catch (RuntimeException e) {
      if (createdDir) {
        deleteQuietly(dir);
      }
      throw e;
    }
    RunClaim claim = new RunClaim(dir, lock, createdDir);
    if (createdLock) {
      claim.created.add(0, lockFile);
    }
    return claim;
  }

  /** Records a file this run is about to create, so a run refused before it starts removes it. */
  public void creating(Path file) {
    if (!Files.exists(file)) {
      created.add(0, file);
    }
  }

  /** The run has begun (training steps or other lasting output): from now on nothing is rolled back. */
  public void started() {
    started = true;
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      if (!Files.isDirectory(p) || isEmpty(p)) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException ignored) {
      // Best effort: what could not be removed is hrvq's own file and harmless.
    }
  }

  @Override
  public void close() {
    lock.close();
    if (!started) {
      // Newest first: the files, then the folder (only if it is empty by then).
      created.forEach(RunClaim::deleteQuietly);
    }
  }
}
