package dev.hrvq.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.experiments.ChildCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's stderr filter drops the lines TensorFlow logs through absl despite
 * TF_CPP_MIN_LOG_LEVEL, and nothing else: checked on the real output of a child JVM.
 */
class TfLogFilterTest {
  private static final Path FILTER = Path.of("src/main/sh/tf-log-filter.sh");
  @TempDir Path tmp;

  @Test
  void theTwoAbslLinesOfARealCommandAreDroppedAndEverythingElseKept() throws Exception {
    Path log = tmp.resolve("selfcheck.log");
    Process child = ChildCli.start(log, new String[] {"selfcheck"});
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String raw = ChildCli.read(log);
    assertThat(raw).as("TensorFlow still prints them unfiltered; else this test checks nothing")
        .contains("absl::InitializeLog()", "mlir_graph_optimization_pass.cc");
    String filtered = filter(raw, "1");
    assertThat(filtered).doesNotContain("absl::InitializeLog()", "mlir_graph_optimization_pass.cc")
        .contains("selfcheck passed", "gradient of x^2 at x=3");
    assertThat(filtered.lines().count()).isEqualTo(raw.lines().count() - 2);
  }

  @Test
  void theLevelDecidesWhichSeveritiesGo() throws Exception {
    String lines = """
        I0000 00:00:1796126619.890569    8266 mlir_graph_optimization_pass.cc:401] info
        W1201 12:03:04.123456    8266 some_op.cc:12] warning
        E1201 12:03:04.123456    8266 some_op.cc:13] error
        hrvq: error: I0000 is not a log line here
        """;
    assertThat(filter(lines, "0")).isEqualTo(lines);
    assertThat(filter(lines, "1")).doesNotContain("] info").contains("] warning", "] error", "hrvq: error");
    assertThat(filter(lines, "2")).doesNotContain("] info", "] warning").contains("] error", "hrvq: error");
    assertThat(filter(lines, "3")).isEqualTo("hrvq: error: I0000 is not a log line here\n");
  }

  private String filter(String input, String level) throws IOException, InterruptedException {
    Path in = Files.writeString(tmp.resolve("in-" + level), input);
    Process p = new ProcessBuilder("bash", FILTER.toString(), level).redirectInput(in.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
