package dev.hrvq.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one fixture file's JSON tree; every problem is an {@link IllegalArgumentException} naming
 * the file and the field, e.g. {@code m4-n3-d8.json: field expected.global_codes: expected 3
 * layers, got 2}.
 */
final class FixtureReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final Path path;
  private final String file;
  private final JsonNode root;

  private FixtureReader(Path path, JsonNode root) {
    this.path = path;
    this.file = String.valueOf(path.getFileName());
    this.root = root;
  }

  static FixtureReader open(Path path) {
    try {
      JsonNode root = MAPPER.readTree(path.toFile());
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException(path.getFileName() + ": not a JSON object");
      }
      return new FixtureReader(path, root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(path.getFileName() + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + path, e);
    }
  }

  IllegalArgumentException fail(String field, String problem) {
    return new IllegalArgumentException(file + ": field " + field + ": " + problem);
  }

  /** The node at a dotted path such as {@code expected.global_codes}. */
  JsonNode node(String field) {
    JsonNode n = root;
    String seen = "";
    for (String part : field.split("\\.")) {
      seen = seen.isEmpty() ? part : seen + "." + part;
      if (!n.isObject()) {
        throw fail(seen, "expected an object, got " + type(n));
      }
      n = n.get(part);
      if (n == null) {
        throw fail(seen, "missing");
      }
    }
    return n;
  }

  String string(String field) {
    JsonNode n = node(field);
    if (!n.isTextual()) {
      throw fail(field, "expected a string, got " + type(n));
    }
    return n.asText();
  }

  String oneOf(String field, String... allowed) {
    String v = string(field);
    if (!List.of(allowed).contains(v)) {
      throw fail(field, "expected one of " + List.of(allowed) + ", got '" + v + "'");
    }
    return v;
  }

  double number(String field) {
    return number(node(field), field);
  }

  int positiveInt(String field) {
    long v = integer(node(field), field);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw fail(field, "expected a positive int, got " + v);
    }
    return (int) v;
  }

  Tolerance tolerance() {
    return new Tolerance(number("tolerance.abs"), number("tolerance.rel"));
  }

  /** The array at {@code field}, of {@code length} elements (any length when negative). */
  JsonNode array(JsonNode n, String field, long length, String what) {
    if (!n.isArray()) {
      throw fail(field, "expected an array, got " + type(n));
    }
    if (length >= 0 && n.size() != length) {
      throw fail(field, "expected " + length + " " + what + ", got " + n.size());
    }
    return n;
  }

  /** Row-major numbers of a nested array of exactly {@code dims} ({@code names} name each axis). */
  double[] numbers(JsonNode n, String field, long[] dims, String[] names) {
    List<JsonNode> leaves = new ArrayList<>();
    collect(n, field, 0, dims, names, leaves);
    double[] out = new double[leaves.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(leaves.get(i), field + at(i, dims));
    }
    return out;
  }

  double[] numbers(String field, long[] dims, String[] names) {
    return numbers(node(field), field, dims, names);
  }

  long[] integers(JsonNode n, String field, long[] dims, String[] names) {
    List<JsonNode> leaves = new ArrayList<>();
    collect(n, field, 0, dims, names, leaves);
    long[] out = new long[leaves.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = integer(leaves.get(i), field + at(i, dims));
    }
    return out;
  }

  private void collect(JsonNode n, String field, int axis, long[] dims, String[] names, List<JsonNode> out) {
    if (axis == dims.length) {
      out.add(n);
      return;
    }
    array(n, field, dims[axis], names[axis]);
    for (int i = 0; i < n.size(); i++) {
      collect(n.get(i), field + "[" + i + "]", axis + 1, dims, names, out);
    }
  }

  /** The multi-index suffix of flat element {@code flat}, e.g. {@code [2][5]}. */
  private static String at(int flat, long[] dims) {
    StringBuilder s = new StringBuilder();
    long rest = flat;
    long[] idx = new long[dims.length];
    for (int a = dims.length - 1; a >= 0; a--) {
      idx[a] = rest % dims[a];
      rest /= dims[a];
    }
    for (long i : idx) {
      s.append('[').append(i).append(']');
    }
    return s.toString();
  }

  private double number(JsonNode n, String field) {
    if (!n.isNumber()) {
      throw fail(field, "expected a number, got " + type(n));
    }
    return n.asDouble();
  }

  private long integer(JsonNode n, String field) {
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw fail(field, "expected an integer, got " + (n.isNumber() ? n.asText() : type(n)));
    }
    return n.asLong();
  }

  private static String type(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  static float[] toFloats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
