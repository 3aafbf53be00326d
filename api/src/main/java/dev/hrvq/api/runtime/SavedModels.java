package dev.hrvq.api.runtime;

import dev.hrvq.api.Vars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Inference-only SavedModel export: a fresh graph with just what the program reads. */
final class SavedModels {
  private SavedModels() {}

  /**
   * Builds {@code program} over variables named {@code paramGroup/<path>} and {@code state/<path>},
   * restores their values from {@code checkpoint} and writes a SavedModel to {@code dir}.
   */
  static void export(Path dir, Path checkpoint, Model model, String paramGroup, long seed,
      Map<String, InputSpec> inputSpecs, Program program) throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VariableGroup params = VariableGroup.fromSpecs(tf, paramGroup, model.params(), seed);
      VariableGroup state = VariableGroup.fromSpecs(tf, "state", model.state(), seed);
      Feeds inputs = Feeds.declare(tf, inputSpecs);
      Map<String, Operand<?>> outputs = program.apply(tf, new Vars(params.reads, state.reads), inputs.inputs());
      Signature.Builder signature = Signature.builder().key(Signature.DEFAULT_KEY);
      inputs.placeholders().forEach(signature::input);
      outputs.forEach(signature::output);
      try (Session s = new Session(g, SessionConfig.get())) {
        s.restore(Checkpoints.variablesPrefix(checkpoint).toString());
        SavedModelBundle.exporter(dir.toString()).withSession(s).withSignature(signature.build()).export();
      }
    }
  }
}
