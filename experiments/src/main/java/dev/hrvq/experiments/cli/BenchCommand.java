package dev.hrvq.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hrvq.experiments.bench.Bench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrvq bench}: speed figures as one JSON object (printed, and written with --out). */
@Command(name = "bench", description = "Measure training, reconstruction and quantizer speed; print one JSON object (and write it with --out).")
public final class BenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", description = "Also write the JSON to this file.")
  Path out;

  @Option(names = "--quick", description = "Smaller workloads (for CI: checks the command runs, not the speed).")
  boolean quick;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> result = new Bench(quick, System.err).run();
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
    spec.commandLine().getOut().println(json);
    if (out != null) {
      Files.writeString(out, json + "\n");
    }
    return 0;
  }
}
