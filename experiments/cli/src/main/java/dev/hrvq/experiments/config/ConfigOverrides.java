package dev.hrvq.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --set PATH=VALUE} overrides of a config, applied after {@code extends} and before
 * validation, so an override is checked exactly like the same key written in the file, and a
 * problem with it names the override as typed.
 *
 * <p>{@code PATH} is dotted keys ({@code model.quantizer.codewords}); missing objects on the way
 * are created. {@code VALUE} is read as JSON when it parses ({@code 8}, {@code 1e-3},
 * {@code true}, {@code null}, {@code [1, 2]}, {@code "text"}) and is otherwise the string as typed
 * ({@code data.dataset=mnist}). A {@code null} removes the key, so it takes its default, as in an
 * {@code extends} child. Later overrides win.
 */
public final class ConfigOverrides {
  /** The option the overrides come from; messages and saved configs name it. */
  public static final String FLAG = "--set";
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  // As config files are read, and "1 2" is not the number 1.
  private static final ObjectMapper JSON = ConfigFiles.MAPPER.copy()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ConfigOverrides() {}

  /**
   * Merges each override onto {@code merged} (modified and returned), in order; {@code sources}
   * (child first) gets each override in front, so problems at its path are named against it.
   */
  static ObjectNode apply(ObjectNode merged, List<String> overrides, List<ConfigOrigins.Source> sources) {
    for (String override : overrides) {
      ObjectNode patch = patch(override);
      sources.add(0, new ConfigOrigins.Source(FLAG + " " + override, patch.deepCopy()));
      ConfigExtends.merge(merged, patch);
    }
    return merged;
  }

  /** One override as a JSON merge patch: {@code a.b=3} is {@code {"a": {"b": 3}}}. */
  static ObjectNode patch(String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(FLAG + " " + override + ": expected PATH=VALUE, e.g. " + FLAG + " model.quantizer.codewords=8");
    }
    String path = override.substring(0, eq);
    List<String> keys = new ArrayList<>(List.of(path.split("\\.", -1)));
    for (String key : keys) {
      if (!KEY.matcher(key).matches()) {
        throw new ConfigException(FLAG + " " + override + ": '" + path + "' is not a dotted key path"
            + " (keys are letters, digits and _, joined by dots, e.g. model.quantizer.codewords)");
      }
    }
    if (keys.get(0).equals(ConfigExtends.KEY)) {
      throw new ConfigException(FLAG + " " + override + ": extends cannot be overridden; write a config file that extends the other one");
    }
    ObjectNode root = JSON.createObjectNode();
    ObjectNode at = root;
    for (String key : keys.subList(0, keys.size() - 1)) {
      at = at.putObject(key);
    }
    at.set(keys.get(keys.size() - 1), value(override.substring(eq + 1)));
    return root;
  }

  /** The value as JSON when it parses as one complete JSON value, else the text itself. */
  static JsonNode value(String text) {
    try {
      JsonNode parsed = JSON.readTree(text);
      return parsed == null || parsed.isMissingNode() ? TextNode.valueOf(text) : parsed;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(text);
    }
  }
}
