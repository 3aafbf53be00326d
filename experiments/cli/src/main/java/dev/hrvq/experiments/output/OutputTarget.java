package dev.hrvq.experiments.output;

import dev.hrvq.api.runtime.Checkpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a command writes a file or folder, under one rule: hrvq never deletes or replaces what it
 * did not write. A target that does not exist is written under a temporary name beside it and
 * renamed into place, so it appears whole or not at all. An existing target is replaced only if it
 * is an earlier output of the same command (it carries {@link OwnerMark}) and the user said
 * {@code --force}; anything else at the path is refused, naming it and what to do.
 */
public final class OutputTarget {
  /** Writes the output at the path it is given (a temporary sibling of the target). */
  @FunctionalInterface
  public interface Fill {
    void write(Path at) throws IOException;
  }

  private final Path target;
  private final String command;
  private final boolean folder;

  private OutputTarget(Path target, String command, boolean folder, boolean force) {
    this.target = target.toAbsolutePath().normalize();
    this.command = command;
    this.folder = folder;
    check(force);
  }

  /**
   * A folder output of {@code command} (such as {@code "export"}), checked now so a refusal comes
   * before any work.
   *
   * @throws IllegalArgumentException if the path holds something this rule does not let it replace
   */
  public static OutputTarget folder(Path target, String command, boolean force) {
    return new OutputTarget(target, command, true, force);
  }

  /** A single-file output of {@code command} (PNG or JSON, which can carry the owner mark). */
  public static OutputTarget file(Path target, String command, boolean force) {
    return new OutputTarget(target, command, false, force);
  }

  public Path path() {
    return target;
  }

  private void check(boolean force) {
    if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    String what = Files.isDirectory(target) ? "a folder" : "a file";
    if (Files.isSymbolicLink(target) || folder != Files.isDirectory(target) || !OwnerMark.isMarked(target, command)) {
      throw new IllegalArgumentException(target + " exists and is " + what + " that hrvq " + command + " did not write; "
          + "hrvq never replaces what it did not write: choose another --out, or move it away yourself");
    }
    if (!force) {
      throw new IllegalArgumentException(target + " exists (an earlier output of hrvq " + command + "); add --force to replace it, "
          + "or choose another --out");
    }
  }

  /**
   * Writes the output: {@code fill} writes at a temporary sibling, the owner mark is added, and the
   * result is renamed to the target (replacing an earlier output of this command, re-checked).
   */
  public Path write(boolean force, Fill fill) {
    check(force);
    Path parent = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(parent);
      Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
      tmp = staging;
      Path at = staging.resolve(target.getFileName());
      fill.write(at);
      OwnerMark.mark(at, command);
      if (Files.exists(target)) {
        replaceOwned(at);
      } else {
        Files.move(at, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      Checkpoints.deleteTreeQuietly(tmp);
    }
  }

  /** The target is an earlier output of this command: swap it out, then delete it. */
  private void replaceOwned(Path fresh) throws IOException {
    if (!folder) {
      Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    Path old = fresh.resolveSibling("previous");
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
