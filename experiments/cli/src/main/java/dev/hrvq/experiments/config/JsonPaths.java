package dev.hrvq.experiments.config;

import java.util.List;

/** JSON paths in the dotted form messages use: {@code model.quantizer.betas[1]}; the root is {@code (top level)}. */
final class JsonPaths {
  static final String ROOT = "(top level)";

  private JsonPaths() {}

  /** The path of {@code elements} (strings are keys, integers array indices). */
  static String dotted(List<?> elements) {
    StringBuilder b = new StringBuilder();
    for (Object e : elements) {
      if (e instanceof Integer i) {
        b.append('[').append(i).append(']');
      } else {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(e);
      }
    }
    return b.length() == 0 ? ROOT : b.toString();
  }

  /** {@code parent.key}, or {@code key} at the root. */
  static String child(String parent, String key) {
    return parent.equals(ROOT) || parent.isEmpty() ? key : parent + "." + key;
  }
}
