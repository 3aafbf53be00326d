package dev.hrvq.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The printed resume command repeats every override, each a single shell word. */
class ResumeHintTest {
  @Test
  void aRunsHintRepeatsItsOverridesQuotedForTheShell() {
    assertThat(ResumeHint.run("experiment-configs/quickstart.json", List.of("model.quantizer.codewords=8", "model.kind=\"vqvae\""),
        "runs/my run"))
        .isEqualTo("./hrvq run experiment-configs/quickstart.json --set model.quantizer.codewords=8 --set 'model.kind=\"vqvae\"'"
            + " --out 'runs/my run' --resume");
    assertThat(ResumeHint.quote("it's")).isEqualTo("'it'\\''s'");
  }

  @Test
  void aSweepsHintIsTheSweepCommandWithItsFlags() {
    assertThat(ResumeHint.sweep("s.json", "/runs/sweeps/s", List.of("--set", "training.steps=20000", "--prior-set", "sampling.samples=64")))
        .isEqualTo("./hrvq sweep s.json --out /runs/sweeps/s --set training.steps=20000 --prior-set sampling.samples=64");
  }
}
