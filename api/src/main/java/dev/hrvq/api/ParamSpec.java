package dev.hrvq.api;

import org.tensorflow.ndarray.Shape;

/** What a layer declares for one parameter or state leaf: its full shape and how to initialise it. */
public record ParamSpec(Shape shape, Initializer init) {
  public ParamSpec {
    Initializers.size(shape);
  }
}
