package dev.hrvq.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Resolves {@code "extends"}: the parent (a path relative to the including file, itself possibly
 * extending another) is deep-merged under the child: objects merge key by key with the child
 * winning, arrays and scalars replace. A parent's {@code name} is not inherited.
 */
final class ConfigExtends {
  static final String KEY = "extends";

  private ConfigExtends() {}

  /** {@code file} with its whole extends chain merged in, without the {@code extends} key. */
  static ObjectNode resolve(Path file) {
    return resolve(file, new ArrayList<>(), new ArrayList<>());
  }

  /** As {@link #resolve(Path)}; {@code sources} receives each file of the chain with its own JSON, child first. */
  static ObjectNode resolve(Path file, List<ConfigOrigins.Source> sources) {
    return resolve(file, new ArrayList<>(), sources);
  }

  private static ObjectNode resolve(Path file, List<Path> chain, List<ConfigOrigins.Source> sources) {
    Path normal = file.toAbsolutePath().normalize();
    if (chain.contains(normal)) {
      List<Path> cycle = new ArrayList<>(chain.subList(chain.indexOf(normal), chain.size()));
      cycle.add(normal);
      throw new ConfigException(chain.get(0) + ": extends cycle: "
          + cycle.stream().map(Path::toString).collect(Collectors.joining(" -> ")));
    }
    chain.add(normal);
    ObjectNode child = ConfigFiles.read(file);
    sources.add(new ConfigOrigins.Source(file, child.deepCopy()));
    JsonNode parentRef = child.remove(KEY);
    if (parentRef == null) {
      return child;
    }
    if (!parentRef.isTextual() || parentRef.asText().isEmpty()) {
      throw new ConfigException(file + ": extends: expected a non-empty string (a path relative to this file), got " + parentRef);
    }
    Path dir = normal.getParent();
    Path parentFile = dir.resolve(parentRef.asText()).normalize();
    if (!Files.isRegularFile(parentFile)) {
      throw new ConfigException(file + ": extends \"" + parentRef.asText() + "\": no such file " + parentFile);
    }
    ObjectNode parent = resolve(parentFile, chain, sources);
    parent.remove("name");
    return merge(parent, child);
  }

  /**
   * {@code child} merged onto {@code base} (modified and returned), as a JSON merge patch: a null
   * in the child removes the key (so it takes its default), e.g. a tree's {@code layers} when a
   * child turns the model into a flat VQ-VAE.
   */
  static ObjectNode merge(ObjectNode base, ObjectNode child) {
    for (Map.Entry<String, JsonNode> e : child.properties()) {
      JsonNode old = base.get(e.getKey());
      if (e.getValue().isNull()) {
        base.remove(e.getKey());
      } else if (old instanceof ObjectNode oldObject && e.getValue() instanceof ObjectNode newObject) {
        merge(oldObject, newObject);
      } else {
        base.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return base;
  }
}
