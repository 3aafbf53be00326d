package dev.hrvq.api;

/**
 * What a layer reads when applied: trainable {@code params} (seen by the optimizer) and
 * {@code state} (e.g. EMA codebooks, updated by the model itself, never by the optimizer).
 */
public record Vars(Params params, Params state) {

  public static Vars of(Params params) {
    return new Vars(params, Params.empty());
  }

  /** Both trees narrowed to the subtree of one child layer. */
  public Vars scope(String name) {
    return new Vars(params.scope(name), state.scope(name));
  }
}
