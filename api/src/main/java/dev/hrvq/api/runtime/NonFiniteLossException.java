package dev.hrvq.api.runtime;

/** A training step produced NaN or infinity; the trainer's variables are no longer usable. */
public final class NonFiniteLossException extends RuntimeException {
  private final long step;
  private final String term;

  NonFiniteLossException(long step, String term, float value) {
    super("step " + step + ": loss term '" + term + "' is " + value
        + "; the variables are no longer usable: resume from the last checkpoint, with a lower learning rate or gradient clipping");
    this.step = step;
    this.term = term;
  }

  public long step() {
    return step;
  }

  public String term() {
    return term;
  }
}
