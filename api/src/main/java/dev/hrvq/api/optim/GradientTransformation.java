package dev.hrvq.api.optim;

import dev.hrvq.api.Params;
import org.tensorflow.op.Ops;

/**
 * An optimizer as a pair of pure functions, after optax: {@code init} builds the optimizer's state
 * from the initial parameter values; {@code update} maps gradients (and the current state and
 * parameters) to <em>updates</em> that the runtime adds to the parameters, plus the new state.
 * Transformations compose with {@link Optimizers#chain}.
 */
public record GradientTransformation(InitFn init, UpdateFn update) {

  /** Optimizer state (moments, step counts) from the parameters' initial values. */
  @FunctionalInterface
  public interface InitFn {
    Params init(Ops tf, Params params);
  }

  /** Gradients to updates; must return a state with exactly the paths {@code init} returned. */
  @FunctionalInterface
  public interface UpdateFn {
    Step update(Ops tf, Params grads, Params state, Params params);
  }

  /** The result of one update: what to add to each parameter, and the optimizer's new state. */
  public record Step(Params updates, Params state) {}
}
