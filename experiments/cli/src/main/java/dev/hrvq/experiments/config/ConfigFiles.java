package dev.hrvq.experiments.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads one config file into a JSON object; syntax errors name the file, line and column. */
final class ConfigFiles {
  /** Rejects duplicate keys: the second would silently win. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private ConfigFiles() {}

  /** The top-level object of {@code file}. */
  static ObjectNode read(Path file) {
    if (Files.isDirectory(file)) {
      throw new ConfigException(file + ": a directory, not a config file; pass a JSON file such as experiment-configs/quickstart.json");
    }
    String text;
    try {
      text = TextFile.utf8(file, Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new ConfigException(file + where + ": invalid JSON: " + e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw new ConfigException(file + ": empty file; expected a JSON object");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ConfigException(file + ": expected a JSON object at the top level, got " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    List<String> problems = new ArrayList<>();
    nonFinite(object, new ArrayList<>(), problems);
    if (!problems.isEmpty()) {
      throw ConfigLoader.failure(ConfigOrigins.of(file, object), problems);
    }
    return object;
  }

  /**
   * Numbers too large for a double ({@code 1e400}) are read as infinity and would pass a range check
   * as "infinite": each is a problem at its path.
   */
  private static void nonFinite(JsonNode node, List<Object> path, List<String> problems) {
    if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
      problems.add(JsonPaths.dotted(path) + ": the number is too large (it overflows to infinity); use a finite value in the allowed range");
    }
    int i = 0;
    for (var it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      path.add(e.getKey());
      nonFinite(e.getValue(), path, problems);
      path.remove(path.size() - 1);
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        path.add(i++);
        nonFinite(item, path, problems);
        path.remove(path.size() - 1);
      }
    }
  }
}
