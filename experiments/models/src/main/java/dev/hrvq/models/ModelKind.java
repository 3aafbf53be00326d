package dev.hrvq.models;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three model families, by the name configs and checkpoints use ({@code hrvqvae}, {@code vqvae}, {@code vqvae2}). */
public enum ModelKind {
  /** A tree of codebooks (the paper's model). */
  HRVQVAE,
  /** One flat codebook. */
  VQVAE,
  /** Two or three levels at halving resolutions, one flat codebook each. */
  VQVAE2;

  /** The name in configs and manifests. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code label}; anything else is an error listing the names. */
  @com.fasterxml.jackson.annotation.JsonCreator
  public static ModelKind of(String label) {
    for (ModelKind k : values()) {
      if (k.label().equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown model kind '" + label + "'; use "
        + Arrays.stream(values()).map(ModelKind::label).collect(Collectors.joining(", ")));
  }
}
