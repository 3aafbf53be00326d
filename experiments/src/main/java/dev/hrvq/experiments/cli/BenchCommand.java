package dev.hrvq.experiments.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hrvq.experiments.bench.QuantizerBench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hrvq bench}: speed figures as one JSON object (printed, and written with --out). */
@Command(name = "bench", description = "Measure speed and write one JSON object (quantizer: tree vs flat search).")
public final class BenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", description = "Also write the JSON to this file.")
  Path out;

  @Option(names = "--quick", description = "Smaller workloads (for CI: checks the command runs, not the speed).")
  boolean quick;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> result = new TreeMap<>();
    if (quick) {
      result.put("quantize_s_16k_tree", QuantizerBench.seconds(dev.hrvq.quantize.HierarchicalQuantizer.Search.TREE, 16, 3, 64, 16_000, 8_000, 1));
      result.put("quantize_s_16k_flat", QuantizerBench.seconds(dev.hrvq.quantize.HierarchicalQuantizer.Search.FLAT, 16, 3, 64, 16_000, 8_000, 1));
    } else {
      result.putAll(QuantizerBench.peerSettings());
    }
    result.put("quick", quick);
    result.put("threads_intra_op", dev.hrvq.api.runtime.SessionConfig.intraOpThreads());
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
    spec.commandLine().getOut().println(json);
    if (out != null) {
      Files.writeString(out, json + "\n");
    }
    return 0;
  }
}
