package dev.hrvq.api;

import java.util.regex.Pattern;

/** Rules for parameter paths: slash-separated names that are also valid TensorFlow op names. */
public final class Paths {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]*(/[A-Za-z0-9][A-Za-z0-9_.\\-]*)*");

  private Paths() {}

  /** Throws if {@code path} is empty, has an empty segment, or characters TensorFlow rejects. */
  public static String check(String path) {
    if (!VALID.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "invalid parameter path '" + path + "': use segments of letters, digits, '_', '.', '-' separated by '/'");
    }
    return path;
  }

  /** Joins a scope and a name, skipping an empty scope. */
  public static String join(String scope, String name) {
    return scope.isEmpty() ? name : scope + "/" + name;
  }

  /** Levenshtein distance: how many single-character edits turn {@code a} into {@code b}. */
  public static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
