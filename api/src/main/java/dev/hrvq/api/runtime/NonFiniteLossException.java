package dev.hrvq.api.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A training step produced NaN or infinity in one or more loss terms; the trainer's variables are
 * no longer usable. It names every non-finite term and keeps all the step's terms.
 */
public final class NonFiniteLossException extends RuntimeException {
  private final long step;
  private final Map<String, Float> terms;

  /** A non-finite step: {@code step} (1-based) and all its terms, at least one of them NaN or infinite. */
  public NonFiniteLossException(long step, Map<String, Float> terms) {
    super("step " + step + ": non-finite loss term(s) " + describe(nonFinite(terms))
        + "; the variables are no longer usable: resume from a checkpoint, with a lower learning rate or gradient clipping");
    this.step = step;
    this.terms = Map.copyOf(terms);
  }

  /** The step that produced the non-finite terms (1-based, as the logs count). */
  public long step() {
    return step;
  }

  /** The non-finite terms of the step, by name, in the order the model defines them. */
  public Map<String, Float> nonFiniteTerms() {
    return nonFinite(terms);
  }

  /** Every term of the step, finite or not. */
  public Map<String, Float> terms() {
    return terms;
  }

  static boolean anyNonFinite(Map<String, Float> terms) {
    return terms.values().stream().anyMatch(v -> !Float.isFinite(v));
  }

  private static Map<String, Float> nonFinite(Map<String, Float> terms) {
    Map<String, Float> out = new LinkedHashMap<>();
    terms.forEach((k, v) -> {
      if (!Float.isFinite(v)) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static String describe(Map<String, Float> terms) {
    return terms.entrySet().stream().map(e -> "'" + e.getKey() + "' = " + e.getValue()).collect(Collectors.joining(", "));
  }
}
