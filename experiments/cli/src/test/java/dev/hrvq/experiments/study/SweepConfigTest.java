package dev.hrvq.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.experiments.config.ConfigException;
import dev.hrvq.experiments.config.SweepConfig;
import dev.hrvq.experiments.config.SweepConfigLoader;
import dev.hrvq.experiments.data.DataLocations;
import dev.hrvq.experiments.data.DataSets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files: expansion order and names, and every problem named before anything trains. */
class SweepConfigTest {
  @TempDir Path tmp;

  private SweepConfig load(String json) throws IOException {
    Files.writeString(tmp.resolve("base.json"), SweepTest.BASE);
    return SweepConfigLoader.load(Files.writeString(tmp.resolve("s.json"), json));
  }

  @Test
  void pointsAreTheGridCrossedWithTheVariantsThenSeedsFastest() throws IOException {
    SweepConfig s = load("""
        { "base": "base.json", "grid": { "model.quantizer.codewords": [2, 4], "optimizer.learning_rate": [0.001, 0.01] },
          "variants": [ { "model.kind": "hrvqvae" }, { "model.kind": "vqvae", "model.quantizer.layers": null } ], "seeds": [5, 6] }
        """);
    List<SweepRun> runs = SweepPoints.expand(s);
    assertThat(runs).hasSize(2 * 2 * 2 * 2);
    assertThat(runs.get(0).id()).isEqualTo("codewords-2_learning_rate-0.001_kind-hrvqvae_seed-5");
    assertThat(runs.get(1).id()).isEqualTo("codewords-2_learning_rate-0.001_kind-hrvqvae_seed-6");
    assertThat(runs.get(2).id()).isEqualTo("codewords-2_learning_rate-0.001_kind-vqvae_seed-5");
    assertThat(runs.get(15).id()).isEqualTo("codewords-4_learning_rate-0.01_kind-vqvae_seed-6");
    assertThat(runs.get(2).overrides()).containsExactly("model.quantizer.codewords=2", "optimizer.learning_rate=0.001",
        "model.kind=\"vqvae\"", "model.quantizer.layers=null", "seed=5", "name=" + runs.get(2).id());
    assertThat(s.plots()).singleElement().satisfies(p -> {
      assertThat(p.x()).isEqualTo("model.quantizer.codewords");
      assertThat(p.metric()).isEqualTo("test_mse");
      assertThat(p.group()).isEqualTo("model.kind");
    });
  }

  @Test
  void aGridMayReplaceOneArrayElement() throws IOException {
    // The array must be in the config before the element override: here the sweep's set puts it there.
    SweepConfig s = load("{ \"base\": \"base.json\", \"set\": { \"model.quantizer.betas\": [0.25, 0.25] },"
        + " \"grid\": { \"model.quantizer.betas[1]\": [0.25, 0.5] } }");
    SweepRunner runner = new SweepRunner(s, tmp.resolve("out"), new DataSets(new DataLocations(tmp, tmp)),
        new PrintStream(new ByteArrayOutputStream()), "test");
    assertThat(runner.resolveAll()).extracting(r -> r.json().path("model").path("quantizer").path("betas").toString())
        .containsExactly("[0.25,0.25]", "[0.25,0.5]");
    assertThat(runner.runs()).extracting(SweepRun::id).containsExactly("betas.1.-0.25_seed-0", "betas.1.-0.5_seed-0");
  }

  @Test
  void namesThatWouldCollideUseFullPaths() throws IOException {
    SweepConfig s = load("""
        { "base": "base.json", "variants": [ { "model.quantizer.beta0": 0.25 }, { "model.quantizer.betas": [0.5, 0.5] } ],
          "grid": { "model.dim": [2] } }
        """);
    assertThat(SweepPoints.expand(s)).extracting(SweepRun::id)
        .containsExactly("dim-2_beta0-0.25_seed-0", "dim-2_betas-.0.5.0.5._seed-0");
  }

  @Test
  void schemaAndSweepProblemsAreNamedTogether() throws IOException {
    Files.writeString(tmp.resolve("base.json"), SweepTest.BASE);
    Path file = Files.writeString(tmp.resolve("bad.json"), """
        { "base": "missing.json", "grid": { "seed": [1, 2], "model.dim": [2, 2] }, "seeds": [0] }
        """);
    assertThatThrownBy(() -> SweepConfigLoader.load(file)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("base: no such file")
        .hasMessageContaining("grid.model.dim: a value is listed twice")
        .hasMessageContaining("grid.seed: set by the sweep itself");
    Path unknown = Files.writeString(tmp.resolve("unknown.json"), "{ \"base\": \"base.json\", \"grids\": {} }");
    Files.writeString(tmp.resolve("prior.json"), "{ \"prior\": { \"run\": \"runs/x\" }, \"training\": { \"steps\": 2 } }");
    Path swapped = Files.writeString(tmp.resolve("swapped.json"), "{ \"base\": \"prior.json\", \"prior\": \"base.json\" }");
    assertThatThrownBy(() -> SweepConfigLoader.load(swapped)).hasMessageContaining("base: " + tmp.resolve("prior.json") + " is a prior config")
        .hasMessageContaining("prior: " + tmp.resolve("base.json") + " is an experiment config");
    assertThatThrownBy(() -> SweepConfigLoader.load(unknown)).hasMessageContaining("grids");
  }

  @Test
  void aSweepGivenToRunAndAConfigGivenToSweepSayWhichCommandTakesThem() throws IOException {
    Path base = Files.writeString(tmp.resolve("base.json"), SweepTest.BASE);
    Path sweep = Files.writeString(tmp.resolve("s.json"), "{ \"base\": \"base.json\" }");
    SweepTest.Result run = SweepTest.run("run", sweep.toString());
    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("is a sweep file", "./hrvq sweep " + sweep);
    SweepTest.Result wrong = SweepTest.run("sweep", base.toString());
    assertThat(wrong.code()).isNotZero();
    assertThat(wrong.err()).contains("not a sweep; train it with ./hrvq run " + base);
  }

  @Test
  void aBadPointValueIsNamedWithItsPointBeforeAnyTraining() throws IOException {
    load("""
        { "base": "base.json", "grid": { "model.quantizer.codewords": [2, 0], "model.quantizer.codewordz": [1] } }
        """);
    SweepTest.Result r = SweepTest.run("sweep", tmp.resolve("s.json").toString(), "--out", tmp.resolve("out").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("2 of 2 points cannot run")
        .contains("point codewords-0_codewordz-1_seed-0: --set model.quantizer.codewords=0: model.quantizer.codewords")
        .contains("--set model.quantizer.codewordz=1: model.quantizer.codewordz");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void commandLineSetComesAfterTheFilesAndMayNotTouchASweptKey() throws IOException {
    Files.writeString(tmp.resolve("base.json"), SweepTest.BASE);
    Path file = Files.writeString(tmp.resolve("s.json"), """
        { "base": "base.json", "set": { "training.steps": 10, "training.log_every": 5 }, "grid": { "model.quantizer.codewords": [2, 4] } }
        """);
    SweepConfig s = SweepConfigLoader.load(file, List.of("training.steps=30", "optimizer.learning_rate=0.01"), List.of());
    assertThat(SweepPoints.expand(s).get(0).overrides()).containsSubsequence("training.steps=30", "training.log_every=5",
        "optimizer.learning_rate=0.01", "model.quantizer.codewords=2");
    assertThatThrownBy(() -> SweepConfigLoader.load(file, List.of("model.quantizer.codewords=8"), List.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("set.model.quantizer.codewords (or --set): also swept");
    assertThatThrownBy(() -> SweepConfigLoader.load(file, List.of("training.steps"), List.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("--set training.steps: expected PATH=VALUE");
    assertThatThrownBy(() -> SweepConfigLoader.load(file, List.of(), List.of("training.steps=5")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("the sweep has no prior");
  }

  @Test
  void priorSeedsMustBeSweepSeedsAndDefaultToAll() throws IOException {
    Files.writeString(tmp.resolve("prior.json"), """
        { "prior": { "run": "set-by-the-sweep" } }
        """);
    SweepConfig all = load("{ \"base\": \"base.json\", \"prior\": \"prior.json\", \"seeds\": [0, 1] }");
    assertThat(all.priorSeeds()).containsExactly(0L, 1L);
    assertThat(all.hasPrior(1)).isTrue();
    SweepConfig first = load("{ \"base\": \"base.json\", \"prior\": \"prior.json\", \"seeds\": [0, 1], \"prior_seeds\": [0] }");
    assertThat(first.hasPrior(0)).isTrue();
    assertThat(first.hasPrior(1)).isFalse();
    assertThatThrownBy(() -> load("{ \"base\": \"base.json\", \"prior\": \"prior.json\", \"seeds\": [0, 1], \"prior_seeds\": [2] }"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("prior_seeds: 2 is not one of seeds [0, 1]");
    assertThatThrownBy(() -> load("{ \"base\": \"base.json\", \"prior_seeds\": [0] }"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("prior_seeds: the sweep has no prior");
    assertThatThrownBy(() -> load("{ \"base\": \"base.json\", \"prior\": \"prior.json\", \"prior_set\": { \"prior.run\": \"x\" } }"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("prior_set.prior.run: set by the sweep itself");
  }
}
