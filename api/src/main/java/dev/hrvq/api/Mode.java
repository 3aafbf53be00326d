package dev.hrvq.api;

/** Whether a layer is applied for a training step or for evaluation/inference. */
public enum Mode {
  TRAIN,
  EVAL;

  public boolean training() {
    return this == TRAIN;
  }
}
