package dev.hrvq.api.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Checkpoints in a directory: each is a folder {@code ckpt-<step>/} holding TensorFlow's tensor
 * bundle ({@code variables.index}, {@code variables.data-*}) and {@code manifest.json}. A folder is
 * written whole under a temporary name and renamed in one step, so an interrupted save never
 * leaves a half-written checkpoint, and one that exists is complete. The manifest records each
 * bundle file's size and CRC32C, so a file damaged later (truncated, overwritten) is found before
 * TensorFlow reads it ({@link #problem}).
 */
public final class Checkpoints {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d+)");
  private static final String MANIFEST = "manifest.json";

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
    return checkpoint.resolve(MANIFEST);
  }

  /** The complete checkpoint with the highest step in {@code dir}, if any (not checked for damage). */
  public static Optional<Path> latest(Path dir) {
    List<Path> all = all(dir);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every complete checkpoint folder in {@code dir} (one with a manifest), newest first. */
  public static List<Path> all(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .filter(p -> Files.exists(manifestOf(p)))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  /**
   * The newest checkpoint in {@code dir} that {@link #problem} finds intact; each newer damaged
   * one is passed to {@code skipped} as a sentence naming it and what is wrong.
   */
  public static Optional<Path> latestIntact(Path dir, Consumer<String> skipped) {
    for (Path p : all(dir)) {
      Optional<String> problem = problem(p);
      if (problem.isEmpty()) {
        return Optional.of(p);
      }
      skipped.accept("skipped checkpoint " + p + ": " + problem.get());
    }
    return Optional.empty();
  }

  /** The checkpoint named {@code name} (a folder name such as {@code ckpt-00000200}) in {@code dir}. */
  public static Path named(Path dir, String name) {
    Path p = dir.resolve(name).normalize();
    if (!p.getParent().equals(dir.normalize()) || !Files.exists(manifestOf(p))) {
      List<String> names = all(dir).stream().map(c -> c.getFileName().toString()).toList();
      throw new IllegalArgumentException("no checkpoint named '" + name + "' in " + dir
          + (names.isEmpty() ? " (it has none)" : "; it has: " + String.join(", ", names)));
    }
    return p;
  }

  /**
   * What is wrong with a checkpoint folder, if anything: an unreadable manifest, a missing bundle
   * file, or a file whose size or checksum differs from the manifest's record.
   */
  public static Optional<String> problem(Path checkpoint) {
    CheckpointManifest manifest;
    try {
      manifest = readManifest(checkpoint);
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    if (!Files.exists(checkpoint.resolve("variables.index"))) {
      return Optional.of("variables.index is missing");
    }
    if (manifest.files() == null) {
      return Optional.empty();
    }
    for (var e : manifest.files().entrySet()) {
      Path file = checkpoint.resolve(e.getKey());
      try {
        if (!Files.exists(file)) {
          return Optional.of(e.getKey() + " is missing");
        }
        long size = Files.size(file);
        if (size != e.getValue().bytes()) {
          return Optional.of(e.getKey() + " has " + size + " bytes, the manifest records " + e.getValue().bytes()
              + " (truncated or overwritten)");
        }
        String crc = crc32c(file);
        if (!crc.equals(e.getValue().crc32c())) {
          return Optional.of(e.getKey() + " has checksum " + crc + ", the manifest records " + e.getValue().crc32c()
              + " (its contents changed after it was written)");
        }
      } catch (IOException io) {
        return Optional.of("cannot read " + e.getKey() + ": " + io.getMessage());
      }
    }
    return Optional.empty();
  }

  public static CheckpointManifest readManifest(Path checkpoint) {
    Path file = manifestOf(checkpoint);
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no checkpoint at " + checkpoint + " (" + file + " does not exist)");
    }
    try {
      CheckpointManifest manifest = JSON.readValue(file.toFile(), CheckpointManifest.class);
      if (manifest == null || !CheckpointManifest.FORMAT.equals(manifest.format())) {
        throw new IllegalArgumentException(file + ": format '" + (manifest == null ? null : manifest.format())
            + "', expected '" + CheckpointManifest.FORMAT + "'");
      }
      return manifest;
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable checkpoint manifest " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a checkpoint folder atomically: {@code writeVariables} fills the bundle at the prefix it
   * is given inside a temporary folder, the manifest (with the bundle files' sizes and checksums)
   * is added, and the folder is renamed into place.
   */
  static Path write(Path dir, CheckpointManifest manifest, Consumer<Path> writeVariables) {
    Path target = folder(dir, manifest.step());
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      if (Files.exists(tmp)) {
        deleteTree(tmp);
      }
      Files.createDirectories(tmp);
      writeVariables.accept(variablesPrefix(tmp));
      CheckpointManifest recorded = new CheckpointManifest(manifest.format(), manifest.step(), manifest.configHash(),
          manifest.variables(), fileRecords(tmp), manifest.lastTerms(), manifest.model());
      JSON.writeValue(manifestOf(tmp).toFile(), recorded);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
  }

  /**
   * Deletes all but the newest {@code keep} complete checkpoints in {@code dir}. Only folders named
   * like a checkpoint and holding a manifest are touched: nothing else in {@code dir} is.
   */
  public static void prune(Path dir, int keep) throws IOException {
    List<Path> complete = all(dir);
    for (int i = keep; i < complete.size(); i++) {
      deleteTree(complete.get(i));
    }
  }

  private static SortedMap<String, CheckpointManifest.FileRecord> fileRecords(Path folder) throws IOException {
    SortedMap<String, CheckpointManifest.FileRecord> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (Files.isRegularFile(f) && !f.getFileName().toString().equals(MANIFEST)) {
          out.put(f.getFileName().toString(), new CheckpointManifest.FileRecord(Files.size(f), crc32c(f)));
        }
      }
    }
    return out;
  }

  private static String crc32c(Path file) throws IOException {
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
      }
    }
    return HexFormat.of().toHexDigits((int) crc.getValue());
  }

  /**
   * Deletes a temporary folder the caller created, if it is there; a failure is ignored, so it
   * never hides the error the caller is already reporting (a leftover temporary folder is harmless).
   */
  public static void deleteTreeQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      deleteTree(dir);
    } catch (IOException | UncheckedIOException ignored) {
      // Best effort, see above.
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
