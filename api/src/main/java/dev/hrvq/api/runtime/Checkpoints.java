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
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoints in a directory: each is a folder {@code ckpt-<step>/} holding TensorFlow's tensor
 * bundle ({@code variables.index}, {@code variables.data-*}) and {@code manifest.json}. A folder is
 * written whole under a temporary name and renamed in one step, so an interrupted save never
 * leaves a half-written checkpoint, and one that exists is complete.
 */
public final class Checkpoints {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d+)");

  private Checkpoints() {}

  /** The folder of the checkpoint for {@code step}. */
  public static Path folder(Path dir, long step) {
    return dir.resolve(String.format("ckpt-%08d", step));
  }

  /** The tensor-bundle prefix TensorFlow reads and writes inside a checkpoint folder. */
  static Path variablesPrefix(Path checkpoint) {
    return checkpoint.resolve("variables");
  }

  static Path manifestOf(Path checkpoint) {
    return checkpoint.resolve("manifest.json");
  }

  /** The complete checkpoint with the highest step in {@code dir}, if any. */
  public static Optional<Path> latest(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.exists(manifestOf(p)))
          .max(Comparator.comparing(p -> p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  public static CheckpointManifest readManifest(Path checkpoint) {
    Path file = manifestOf(checkpoint);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no checkpoint at " + checkpoint + " (" + file + " does not exist)");
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

  /**
   * Writes a checkpoint folder atomically: {@code writeVariables} fills the bundle at the prefix it
   * is given inside a temporary folder, the manifest is added, and the folder is renamed into place.
   */
  static Path write(Path dir, CheckpointManifest manifest, java.util.function.Consumer<Path> writeVariables) {
    Path target = folder(dir, manifest.step());
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
      Files.createDirectories(tmp);
      writeVariables.accept(variablesPrefix(tmp));
      JSON.writeValue(manifestOf(tmp).toFile(), manifest);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
  }

  /** Deletes a folder and everything in it. */
  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
