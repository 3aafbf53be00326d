package dev.hrvq.api.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoint files in a directory: {@code ckpt-<step>} (TensorFlow's tensor bundle) and
 * {@code ckpt-<step>.json} (the manifest). The manifest is written last, so a checkpoint exists
 * exactly when its manifest does; each file is written under a temporary name and renamed, so an
 * interrupted save never leaves a half-written checkpoint behind.
 */
public final class Checkpoints {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern MANIFEST = Pattern.compile("ckpt-(\\d+)\\.json");

  private Checkpoints() {}

  /** The prefix (path without extension) of the checkpoint for {@code step}. */
  public static Path prefix(Path dir, long step) {
    return dir.resolve(String.format("ckpt-%08d", step));
  }

  public static Path manifestOf(Path prefix) {
    return prefix.resolveSibling(prefix.getFileName() + ".json");
  }

  /** The checkpoint with the highest step in {@code dir}, if any. */
  public static Optional<Path> latest(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> MANIFEST.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> Long.parseLong(m.group(1)))
          .max(Comparator.naturalOrder())
          .map(step -> prefix(dir, step));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  public static CheckpointManifest readManifest(Path prefix) {
    Path file = manifestOf(prefix);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no checkpoint at " + prefix + " (its manifest " + file + " does not exist)");
    }
    try {
      CheckpointManifest manifest = JSON.readValue(file.toFile(), CheckpointManifest.class);
      if (!CheckpointManifest.FORMAT.equals(manifest.format())) {
        throw new IllegalArgumentException(file + ": format '" + manifest.format() + "', expected '" + CheckpointManifest.FORMAT + "'");
      }
      return manifest;
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable checkpoint manifest " + file + ": " + e.getMessage(), e);
    }
  }

  static void writeManifest(Path prefix, CheckpointManifest manifest) {
    Path file = manifestOf(prefix);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), manifest);
      moveAtomically(tmp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint manifest " + file, e);
    }
  }

  /** Renames {@code from} to {@code to} in one step, replacing {@code to}. */
  public static void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
