package dev.hrvq.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hrvq.experiments.bench.Bench;
import dev.hrvq.models.Precision;
import dev.hrvq.experiments.output.OutputTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrvq bench}: speed figures as one JSON object (printed, and written with --out). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure training, reconstruction and quantizer speed; print one JSON object (and write it with --out).")
public final class BenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", paramLabel = "JSON", description = "Also write the JSON to this file; it must not exist, or be an earlier "
      + "output of bench (with --force).")
  Path out;

  @CommandLine.Mixin ForceOption force;

  @Range(min = 0, max = 10_000_000)
  @Option(names = "--soak", paramLabel = "STEPS", defaultValue = "0",
      description = "Instead of the speed figures, train a tiny model for STEPS steps and report resident memory over them "
          + "(rss_growth_after_warmup); 0: off.")
  int soak;

  @Option(names = "--precision", paramLabel = "P", defaultValue = "fp32",
      description = "Precision of training and reconstruction: fp32, bf16 or both (default ${DEFAULT-VALUE}); "
          + "bf16 is fast only on CPUs with Intel AMX (without it TensorFlow emulates it).")
  String precision;

  @Option(names = "--cluster", description = "Instead of the speed figures, time a training step in one process and on a loopback "
      + "cluster with 1 and 2 local worker processes, with the bytes that cross between tasks per step.")
  boolean cluster;

  @Option(names = "--quick", description = "Smaller workloads (for CI: checks the command runs, not the speed).")
  boolean quick;

  @Override
  public Integer call() throws Exception {
    List<Precision> precisions = switch (precision) {
      case "fp32" -> List.of(Precision.FP32);
      case "bf16" -> List.of(Precision.BF16);
      case "both" -> List.of(Precision.FP32, Precision.BF16);
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--precision " + precision + " is not one of fp32, bf16, both");
    };
    OutputTarget target = out == null ? null : OutputTarget.file(out, "bench", force.force);
    Map<String, Object> result = soak > 0 ? Bench.soak(soak, System.err)
        : cluster ? Bench.cluster(quick, System.err) : new Bench(quick, precisions, System.err).run();
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
    spec.commandLine().getOut().println(json);
    if (target != null) {
      target.write(force.force, at -> Files.writeString(at, json + "\n"));
    }
    return 0;
  }
}
