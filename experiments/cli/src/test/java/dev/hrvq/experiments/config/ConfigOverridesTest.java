package dev.hrvq.experiments.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set PATH=VALUE}: applied after extends, validated like the file, problems named against the override. */
class ConfigOverridesTest {
  @TempDir Path tmp;

  @Test
  void anOverrideGivesTheSameResolvedConfigAsTheKeyWrittenInTheFile() {
    Path base = ConfigFixtures.write(tmp, "a.json", ConfigFixtures.MINIMAL);
    Path edited = ConfigFixtures.write(tmp, "b.json", ConfigFixtures.MINIMAL.replace("'codewords': 4", "'codewords': 8")
        .replace("{'data'", "{'seed': 3, 'name': 'a', 'data'"));
    ResolvedConfig overridden = ConfigLoader.resolve(base, List.of("model.quantizer.codewords=8", "seed=3"));
    ResolvedConfig written = ConfigLoader.resolve(edited);
    assertThat(overridden.json()).isEqualTo(written.json());
    assertThat(overridden.hash()).isEqualTo(written.hash());
    assertThat(overridden.overrides()).containsExactly("model.quantizer.codewords=8", "seed=3");
  }

  @Test
  void valuesAreJsonWhenTheyParseAndTextOtherwise() {
    assertThat(ConfigOverrides.value("8").isInt()).isTrue();
    assertThat(ConfigOverrides.value("1e-3").isDouble()).isTrue();
    assertThat(ConfigOverrides.value("true").isBoolean()).isTrue();
    assertThat(ConfigOverrides.value("null").isNull()).isTrue();
    assertThat(ConfigOverrides.value("[1, 2]").isArray()).isTrue();
    assertThat(ConfigOverrides.value("mnist").asText()).isEqualTo("mnist");
    assertThat(ConfigOverrides.value("\"8\"").asText()).isEqualTo("8");
    // Not one JSON value: the text as typed.
    assertThat(ConfigOverrides.value("1 2").isTextual()).isTrue();
    assertThat(ConfigOverrides.value("").isTextual()).isTrue();
  }

  @Test
  void missingObjectsOnThePathAreCreatedAndLaterOverridesWin() {
    Path base = ConfigFixtures.write(tmp, "a.json", ConfigFixtures.MINIMAL);
    ResolvedConfig r = ConfigLoader.resolve(base, List.of("optimizer.learning_rate=0.01", "optimizer.learning_rate=0.002"));
    assertThat(r.config().optimizer().learningRate()).isEqualTo(0.002f);
  }

  @Test
  void anArrayElementCanBeReplacedWhenTheArrayExists() {
    Path base = ConfigFixtures.write(tmp, "a.json", ConfigFixtures.MINIMAL.replace("'codewords': 4", "'codewords': 4, 'layers': 3, 'betas': [0.25, 0.25, 0.25]"));
    ResolvedConfig r = ConfigLoader.resolve(base, List.of("model.quantizer.betas[1]=0.5"));
    assertThat(r.json().path("model").path("quantizer").path("betas").toString()).isEqualTo("[0.25,0.5,0.25]");
    assertThatThrownBy(() -> ConfigLoader.resolve(base, List.of("model.quantizer.betas[3]=0.5")))
        .hasMessageContaining("--set model.quantizer.betas[3]=0.5: model.quantizer.betas[3] is past the end of an array of 3");
    assertThatThrownBy(() -> ConfigLoader.resolve(base, List.of("model.quantizer.codewords[0]=2")))
        .hasMessageContaining("model.quantizer.codewords is not an array");
    assertThatThrownBy(() -> ConfigLoader.resolve(base, List.of("model.quantizer.betas[1]=-1")))
        .hasMessageContaining("--set model.quantizer.betas[1]=-1: model.quantizer.betas[1]");
  }

  @Test
  void anUnknownKeyIsNamedAgainstTheOverride() {
    Path base = ConfigFixtures.write(tmp, "a.json", ConfigFixtures.MINIMAL);
    assertThatThrownBy(() -> ConfigLoader.resolve(base, List.of("model.quantizer.codewordz=8")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("--set model.quantizer.codewordz=8: model.quantizer.codewordz");
  }

  @Test
  void aBadValueIsNamedLikeTheSameValueInTheFile() {
    Path base = ConfigFixtures.write(tmp, "a.json", ConfigFixtures.MINIMAL);
    Path bad = ConfigFixtures.write(tmp, "bad.json", ConfigFixtures.MINIMAL.replace("'codewords': 4", "'codewords': 'eight'"));
    String fromFile = messageOf(() -> ConfigLoader.resolve(bad));
    String fromOverride = messageOf(() -> ConfigLoader.resolve(base, List.of("model.quantizer.codewords=eight")));
    assertThat(fromOverride).startsWith("--set model.quantizer.codewords=eight: ")
        .endsWith(fromFile.substring(fromFile.indexOf(": ") + 2));
  }

  @Test
  void problemsElsewhereAreStillNamedAgainstTheFile() {
    Path base = ConfigFixtures.write(tmp, "a.json", ConfigFixtures.MINIMAL.replace("'steps': 100", "'steps': -1"));
    assertThatThrownBy(() -> ConfigLoader.resolve(base, List.of("seed=3")))
        .hasMessageStartingWith(base + ": training.steps");
  }

  @Test
  void malformedOverridesAreRefusedWithTheForm() {
    Path base = ConfigFixtures.write(tmp, "a.json", ConfigFixtures.MINIMAL);
    assertThatThrownBy(() -> ConfigLoader.resolve(base, List.of("seed"))).hasMessageContaining("expected PATH=VALUE");
    assertThatThrownBy(() -> ConfigLoader.resolve(base, List.of("model..kind=vqvae"))).hasMessageContaining("not a dotted key path");
    assertThatThrownBy(() -> ConfigLoader.resolve(base, List.of("extends=x.json"))).hasMessageContaining("extends cannot be overridden");
  }

  private static String messageOf(Runnable r) {
    try {
      r.run();
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("no ConfigException");
  }
}
