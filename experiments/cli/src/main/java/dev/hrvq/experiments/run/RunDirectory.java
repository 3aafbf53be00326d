package dev.hrvq.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one run: {@code config.json} (resolved, with the code version),
 * {@code metrics.jsonl} (one line per evaluation), {@code losses.jsonl} (one line per logged
 * training step), {@code summary.json}, {@code checkpoints/} and the pictures. Whole files are
 * written under a temporary name and renamed; JSON-lines files are appended line by line.
 */
public record RunDirectory(Path dir) {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper LINE = new ObjectMapper();

  public Path config() {
    return dir.resolve("config.json");
  }

  public Path metrics() {
    return dir.resolve("metrics.jsonl");
  }

  public Path losses() {
    return dir.resolve("losses.jsonl");
  }

  /** One line per training process: its steps and seconds (see TrainingSpeed). */
  public Path speed() {
    return dir.resolve("speed.jsonl");
  }

  public Path summary() {
    return dir.resolve("summary.json");
  }

  public Path checkpoints() {
    return dir.resolve("checkpoints");
  }

  public Path picture(String name) {
    return dir.resolve(name + ".png");
  }

  public Path export() {
    return dir.resolve("saved_model");
  }

  /** What a run directory holds: a VQ autoencoder ({@code hrvq run EXPERIMENT}) or a prior over one's codes. */
  public enum Kind {
    VQ("a VQ run (trained by ./hrvq run EXPERIMENT_CONFIG)"),
    PRIOR("a prior run (trained by ./hrvq run PRIOR_CONFIG)");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** The kind a saved config.json describes: a prior config has a top-level {@code prior} section. */
    public static Kind of(JsonNode savedConfig) {
      return savedConfig.has("prior") ? PRIOR : VQ;
    }
  }

  /**
   * Refuses a run directory of the other kind with what to pass instead (for a prior run, the VQ run
   * it was trained over).
   */
  public static void requireKind(Path dir, JsonNode savedConfig, Kind wanted) {
    Kind found = Kind.of(savedConfig);
    if (found == wanted) {
      return;
    }
    String hint = found == Kind.PRIOR
        ? "pass the VQ run it was trained over: " + savedConfig.path("prior").path("run").asText()
        : "train a prior over it (./hrvq run PRIOR_CONFIG, e.g. experiment-configs/prior-quickstart.json) and pass that prior's run directory";
    throw new IllegalArgumentException(dir + " is " + found.description + ", not " + wanted.description + "; " + hint);
  }

  /** Keys a run adds to its resolved config in {@code config.json}. */
  public static final String VERSION = "hrvq_version";
  public static final String HASH = "config_hash";
  public static final String OVERRIDES = "overrides";

  /** The resolved config as a run saves it: with the code version, the config hash and where it ran. */
  public static ObjectNode stamped(ObjectNode resolved, String version, String hash) {
    return stamped(resolved, version, hash, List.of());
  }

  /** As above, recording the {@code --set} overrides (already applied in {@code resolved}) when there are any. */
  public static ObjectNode stamped(ObjectNode resolved, String version, String hash, List<String> overrides) {
    ObjectNode saved = resolved.deepCopy();
    saved.put(VERSION, version);
    saved.put(HASH, hash);
    if (!overrides.isEmpty()) {
      overrides.forEach(saved.putArray(OVERRIDES)::add);
    }
    saved.set(Provenance.KEY, JSON.valueToTree(Provenance.describe()));
    return saved;
  }

  /** A saved {@code config.json} without the keys {@link #stamped} added: the resolved config again. */
  public static ObjectNode unstamped(JsonNode saved) {
    ObjectNode resolved = ((ObjectNode) saved).deepCopy();
    resolved.remove(VERSION);
    resolved.remove(HASH);
    resolved.remove(OVERRIDES);
    resolved.remove(Provenance.KEY);
    resolved.remove(Towers.CLUSTER_KEY);
    resolved.remove(Towers.DEVICES_KEY);
    return resolved;
  }

  /** Writes {@code value} as indented JSON, atomically. */
  public static void writeJson(Path file, Object value) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), value);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static JsonNode readJson(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(file + " does not exist: is " + file.getParent() + " a run directory?");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends one JSON line. */
  public static void appendLine(Path file, Object value) {
    try {
      Files.writeString(file, LINE.writeValueAsString(value) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  /**
   * Every line of a JSON-lines file, parsed; an absent file is empty. A last line without its
   * newline that does not parse was torn by a kill mid-write: it counts as not written, with a
   * warning on standard error naming the file. Any other unparseable line is an error naming the
   * file and the line number.
   */
  public static List<JsonNode> readLines(Path file) {
    return readLines(file, System.err::println);
  }

  /** As {@link #readLines(Path)}, with warnings sent to {@code warn}. */
  public static List<JsonNode> readLines(Path file, java.util.function.Consumer<String> warn) {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<String> lines = text.lines().toList();
    boolean lastComplete = text.endsWith("\n");
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(LINE.readTree(line));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        if (i == lines.size() - 1 && !lastComplete) {
          warn.accept("warning: " + file + ": line " + (i + 1) + " is incomplete (a write was interrupted); it is ignored");
        } else {
          throw new IllegalArgumentException(file + ": line " + (i + 1) + " is not valid JSON (" + e.getOriginalMessage()
              + "); the file was edited or damaged: remove or fix that line");
        }
      }
    }
    return out;
  }

  /**
   * Drops lines whose {@code step} is above {@code step} (and a torn last line): after resuming
   * from a checkpoint, or starting over with none, the logs continue exactly as an uninterrupted
   * run's would.
   */
  public static void truncateAfter(Path file, long step) {
    if (!Files.exists(file)) {
      return;
    }
    List<JsonNode> kept = readLines(file).stream().filter(n -> n.path("step").asLong() <= step).toList();
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      StringBuilder s = new StringBuilder();
      for (JsonNode n : kept) {
        s.append(LINE.writeValueAsString(n)).append('\n');
      }
      Files.writeString(tmp, s.toString());
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
  }
}
