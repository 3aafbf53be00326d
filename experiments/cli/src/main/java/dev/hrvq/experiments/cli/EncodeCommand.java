package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.codes.Codes;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.output.OutputTarget;
import dev.hrvq.models.Inference;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hrvq encode RUN_DIR --images DIR_OR_DATASET}: every layer's codes of images, as NumPy arrays (a tokenizer). */
@Command(name = "encode", mixinStandardHelpOptions = true,
    description = "Encode images to every layer's codes: a folder with codes.npy (int64 [n, layers, h, w]), images.txt (row order) and codes.json.")
public final class EncodeCommand implements Callable<Integer> {
  static final String OUTPUT = "encode";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RunDirArgs run;

  @Mixin ForceOption force;

  @Option(names = "--images", required = true, paramLabel = "DIR_OR_DATASET",
      description = "A folder of PNG/JPEG/BMP files of the model's size (read recursively, in path order), or a data set: NAME or NAME:SPLIT (test by default).")
  String images;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default RUN_DIR/codes); must not exist, or be an earlier "
      + "output of encode (with --force).")
  Path target;

  @Override
  public Integer call() {
    OutputTarget out = OutputTarget.folder(target != null ? target : run.dir.resolve("codes"), OUTPUT, force.force);
    try (Inference model = run.openInference()) {
      int[] count = {0};
      out.write(force.force, at -> count[0] = Codes.encode(model, images, DataSets.fromEnvironment(), at));
      spec.commandLine().getOut().printf("encoded %d images with %s; wrote %s%n", count[0], model.checkpoint().getFileName(), out.path());
      return 0;
    }
  }
}
