package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.codes.Codes;
import dev.hrvq.experiments.output.OutputTarget;
import dev.hrvq.models.Inference;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hrvq decode RUN_DIR CODES --out DIR}: pictures from codes written by {@code hrvq encode} (or by another tool, as NumPy arrays). */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = "Decode codes (a folder from hrvq encode, or a codes .npy of int64 [n, layers, h, w]) to one PNG per row.")
public final class DecodeCommand implements Callable<Integer> {
  static final String OUTPUT = "decode";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RunDirArgs run;

  @Mixin ForceOption force;

  @Parameters(index = "1", paramLabel = "CODES", description = "A codes folder written by hrvq encode, or a .npy file.")
  Path codes;

  @Option(names = "--layers", split = ",", paramLabel = "I", description = "Decode through these layers only (1-based, e.g. 2,3; default all).")
  Set<Integer> layers;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the PNGs; must not exist, or be an earlier output "
      + "of decode (with --force).")
  Path target;

  @Override
  public Integer call() {
    OutputTarget out = OutputTarget.folder(target, OUTPUT, force.force);
    try (Inference model = run.openInference()) {
      Set<Integer> chosen = layers == null ? model.model().allLayers() : new TreeSet<>(layers);
      if (!model.model().allLayers().containsAll(chosen)) {
        throw new IllegalArgumentException("--layers " + chosen + ": this model has layers " + model.model().allLayers());
      }
      int[] count = {0};
      out.write(force.force, at -> count[0] = Codes.decode(model, codes, chosen, at));
      spec.commandLine().getOut().printf("decoded %d images through layers %s; wrote %s%n", count[0], chosen, out.path());
      return 0;
    }
  }
}
