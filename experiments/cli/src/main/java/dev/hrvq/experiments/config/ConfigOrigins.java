package dev.hrvq.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which file of an {@code extends} chain a JSON path comes from, so a problem is reported against
 * the file that holds the key (an unknown key in a parent names the parent). A path no file holds
 * (a missing required key, a default) belongs to the file the user named.
 */
final class ConfigOrigins {
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  /**
   * One file of the chain (or one {@code --set} override) and its own JSON, before merging;
   * {@code label} is what messages name: the file, or the override as typed.
   */
  record Source(String label, ObjectNode own) {
    Source(Path file, ObjectNode own) {
      this(file.toString(), own);
    }
  }

  private final List<Source> childFirst;

  ConfigOrigins(List<Source> childFirst) {
    this.childFirst = List.copyOf(childFirst);
  }

  /** A single file with no parents. */
  static ConfigOrigins of(Path file, ObjectNode own) {
    return new ConfigOrigins(List.of(new Source(file, own)));
  }

  /** The file a problem ({@code "path: message"}) belongs to: the nearest in the chain that holds the path. */
  String fileOf(String problem) {
    int colon = problem.indexOf(": ");
    String path = colon < 0 ? "" : problem.substring(0, colon);
    List<Object> segments = segments(path);
    if (!segments.isEmpty()) {
      for (Source s : childFirst) {
        if (holds(s.own(), segments)) {
          return s.label();
        }
      }
    }
    // The file the user named: the first source that is a file, not an override.
    return childFirst.stream().filter(s -> !s.label().startsWith(ConfigOverrides.FLAG)).findFirst()
        .orElse(childFirst.get(0)).label();
  }

  private static List<Object> segments(String path) {
    List<Object> out = new ArrayList<>();
    if (path.equals(JsonPaths.ROOT)) {
      return out;
    }
    Matcher m = SEGMENT.matcher(path);
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
    }
    return out;
  }

  private static boolean holds(JsonNode node, List<Object> segments) {
    JsonNode at = node;
    for (Object s : segments) {
      at = s instanceof Integer i ? at.path(i) : at.path((String) s);
      if (at.isMissingNode()) {
        return false;
      }
    }
    return true;
  }
}
