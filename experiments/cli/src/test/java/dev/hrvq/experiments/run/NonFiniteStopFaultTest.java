package dev.hrvq.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.runtime.NonFiniteLossException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message of a run stopped by NaN is true: it names every non-finite term and the step, says
 * what the logs hold past the last checkpoint, and says when the kept checkpoints had already
 * diverged, naming the newest sane one.
 */
class NonFiniteStopFaultTest {
  @TempDir Path tmp;

  private RunDirectory runWith(double... checkpointLosses) throws IOException {
    RunDirectory run = new RunDirectory(tmp.resolve("run"));
    Files.createDirectories(run.checkpoints());
    for (int step = 5; step <= 45; step += 5) {
      RunDirectory.appendLine(run.losses(), Map.of("step", step, "loss", step < 30 ? 0.1 / step : 1e30));
    }
    for (int i = 0; i < checkpointLosses.length; i++) {
      long step = 10L * (i + 1);
      Path folder = run.checkpoints().resolve(String.format("ckpt-%08d", step));
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("manifest.json"), "{\"format\": \"hrvq-checkpoint-v1\", \"step\": " + step
          + ", \"configHash\": \"h\", \"variables\": {}, \"lastTerms\": {\"loss\": " + checkpointLosses[i] + "}}");
    }
    return run;
  }

  private static NonFiniteLossException nan(long step) {
    Map<String, Float> terms = new LinkedHashMap<>();
    terms.put("loss", Float.NaN);
    terms.put("recon", 0.5f);
    terms.put("commit/layer1", Float.POSITIVE_INFINITY);
    return new NonFiniteLossException(step, terms);
  }

  @Test
  void namesEveryNonFiniteTermAndWhatTheLogsHoldAfterTheLastCheckpoint() throws IOException {
    RunDirectory run = runWith(0.02, 0.01);
    String message = NonFiniteStop.explain(nan(47), run);
    assertThat(message).contains("step 47").contains("'loss' = NaN").contains("'commit/layer1' = Infinity").doesNotContain("'recon'");
    assertThat(message).contains("ckpt-00000020 (step 20)").contains("losses.jsonl holds logged steps up to 45");
    assertThat(message).doesNotContain("nothing was written").doesNotContain("diverged:");
  }

  @Test
  void saysWhenTheLastCheckpointHadAlreadyDivergedAndNamesTheNewestSaneOne() throws IOException {
    RunDirectory run = runWith(0.01, 0.005, 2e31);
    String message = NonFiniteStop.explain(nan(47), run);
    assertThat(message).contains("had already diverged: loss 2.000e+31").contains("the newest sane one is ckpt-00000020");
  }

  @Test
  void withoutACheckpointItSaysSo() throws IOException {
    RunDirectory run = runWith();
    assertThat(NonFiniteStop.explain(nan(7), run)).contains("no checkpoint was written before step 7");
  }
}
