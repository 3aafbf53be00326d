package dev.hrvq.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --set PATH=VALUE} overrides of a config, applied after {@code extends} and before
 * validation, so an override is checked exactly like the same key written in the file, and a
 * problem with it names the override as typed.
 *
 * <p>{@code PATH} is dotted keys ({@code model.quantizer.codewords}); missing objects on the way
 * are created; {@code key[i]} replaces one element of an array the config already has. {@code VALUE} is read as JSON when it parses ({@code 8}, {@code 1e-3},
 * {@code true}, {@code null}, {@code [1, 2]}, {@code "text"}) and is otherwise the string as typed
 * ({@code data.dataset=mnist}). A {@code null} removes the key, so it takes its default, as in an
 * {@code extends} child. Later overrides win.
 */
public final class ConfigOverrides {
  /** The option the overrides come from; messages and saved configs name it. */
  public static final String FLAG = "--set";
  private static final Pattern KEY = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\[(\\d{1,9})])?");
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
      ObjectNode patch = patch(override, merged);
      sources.add(0, new ConfigOrigins.Source(FLAG + " " + override, patch.deepCopy()));
      ConfigExtends.merge(merged, patch);
    }
    return merged;
  }

  /**
   * Where the {@code =} of a {@code PATH=VALUE} override given with {@code flag} is; an override
   * without a PATH before one is an error naming it and showing {@code example}.
   */
  static int separator(String override, String flag, String example) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(flag + " " + override + ": expected PATH=VALUE, e.g. " + flag + " " + example);
    }
    return eq;
  }

  /**
   * One override as a JSON merge patch: {@code a.b=3} is {@code {"a": {"b": 3}}}. A key may index
   * an array that {@code merged} already has, {@code model.quantizer.betas[1]=0.5}: the patch then
   * holds that whole array with the one element replaced (a merge patch replaces arrays whole).
   */
  static ObjectNode patch(String override, ObjectNode merged) {
    int eq = separator(override, FLAG, "model.quantizer.codewords=8");
    String path = override.substring(0, eq);
    List<String> keys = new ArrayList<>(List.of(path.split("\\.", -1)));
    for (String key : keys) {
      if (!KEY.matcher(key).matches()) {
        throw new ConfigException(FLAG + " " + override + ": '" + path + "' is not a dotted key path"
            + " (keys are letters, digits and _, joined by dots, an array element as key[i], e.g. model.quantizer.betas[1])");
      }
    }
    if (keys.get(0).equals(ConfigExtends.KEY)) {
      throw new ConfigException(FLAG + " " + override + ": extends cannot be overridden; write a config file that extends the other one");
    }
    ObjectNode root = JSON.createObjectNode();
    ObjectNode at = root;
    JsonNode existing = merged;
    for (int i = 0; i < keys.size(); i++) {
      Matcher m = KEY.matcher(keys.get(i));
      m.matches();
      String name = m.group(1);
      existing = existing == null ? null : existing.get(name);
      boolean last = i == keys.size() - 1;
      JsonNode value = last ? value(override.substring(eq + 1)) : null;
      if (m.group(2) != null) {
        at = element(override, keys.subList(0, i + 1), at, name, existing, Integer.parseInt(m.group(2)), value);
        existing = existing.get(Integer.parseInt(m.group(2)));
      } else if (last) {
        at.set(name, value);
      } else {
        at = at.putObject(name);
      }
    }
    return root;
  }

  /**
   * Puts a copy of the existing array {@code name} into {@code at}, with element {@code index}
   * replaced by {@code value} (the last key) or, further along the path, an object to continue in.
   */
  private static ObjectNode element(String override, List<String> keysSoFar, ObjectNode at, String name, JsonNode existing, int index,
      JsonNode value) {
    String where = String.join(".", keysSoFar);
    if (existing == null || !existing.isArray()) {
      throw new ConfigException(FLAG + " " + override + ": " + where.substring(0, where.lastIndexOf('[')) + " is "
          + (existing == null ? "not set" : "not an array") + ", so " + where + " does not exist; set the whole value instead");
    }
    if (index >= existing.size()) {
      throw new ConfigException(FLAG + " " + override + ": " + where + " is past the end of an array of " + existing.size()
          + "; set the whole array instead");
    }
    com.fasterxml.jackson.databind.node.ArrayNode copy = at.putArray(name);
    existing.forEach(e -> copy.add(e.deepCopy()));
    if (value != null) {
      copy.set(index, value);
      return at;
    }
    if (!existing.get(index).isObject()) {
      throw new ConfigException(FLAG + " " + override + ": " + where + " is not an object");
    }
    return (ObjectNode) copy.get(index);
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
