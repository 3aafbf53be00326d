package dev.hrvq.api.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/** A {@link Program} traced into the trainer's graph: calling it is one session run. */
public final class CompiledFunction {
  private final String name;
  private final Supplier<Session.Runner> runners;
  private final Feeds inputs;
  private final List<String> outputNames;
  private final Fetches fetches;

  CompiledFunction(String name, Supplier<Session.Runner> runners, Feeds inputs, Map<String, Operand<?>> outputs) {
    this.name = name;
    this.runners = runners;
    this.inputs = inputs;
    this.outputNames = List.copyOf(outputs.keySet());
    // Two names may share one operand: Fetches fetches it once.
    this.fetches = Fetches.of(new ArrayList<>(outputs.values()));
  }

  /** Runs the function; the caller closes the returned outputs. */
  public Outputs call(Map<String, ? extends Tensor> feeds) {
    Session.Runner runner = runners.get();
    inputs.feed(runner, feeds, "function '" + name + "'");
    fetches.addTo(runner);
    return new Outputs(outputNames, fetches.slots(), runner.run());
  }

  public String name() {
    return name;
  }
}
