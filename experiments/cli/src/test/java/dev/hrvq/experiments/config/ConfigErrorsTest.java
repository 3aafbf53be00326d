package dev.hrvq.experiments.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed configs: each message names the file, the dotted JSON path, and what is allowed. */
class ConfigErrorsTest {
  @TempDir Path dir;

  private ConfigException fails(String json) {
    Path file = ConfigFixtures.write(dir, "bad.json", json);
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
    assertThat(e).as("no ConfigException for %s", json).isNotNull();
    for (String problem : e.problems()) {
      assertThat(problem).startsWith(file.toString());
    }
    return e;
  }

  /** The single problem, without its file prefix. */
  private String problem(String json) {
    ConfigException e = fails(json);
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0).substring(dir.resolve("bad.json").toString().length() + 2);
  }

  @Test
  void unknownKeyListsTheAllowedKeys() {
    String p = problem("""
        {'data': {'dataset': 'mnist'}, 'training': {'steps': 10},
         'model': {'kind': 'hrvqvae', 'quantizer': {'codewords': 4}, 'quantizr': {}}}""");
    assertThat(p).isEqualTo("model.quantizr: unknown key (did you mean quantizer?); "
        + "allowed keys: kind, hidden, residual_units, dim, downsample, quantizer");
  }

  @Test
  void wrongTypeSaysWhatIsExpected() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'steps': 100", "'steps': '100'"));
    assertThat(p).isEqualTo("training.steps: expected an integer, got a string \"100\"");
  }

  @Test
  void negativeLearningRateNamesTheBound() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'training'", "'optimizer': {'learning_rate': -0.001}, 'training'"));
    assertThat(p).isEqualTo("optimizer.learning_rate: -0.001 is out of range; must be > 0");
  }

  @Test
  void downsampleThreeListsTheAllowedValues() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'kind': 'hrvqvae'", "'kind': 'hrvqvae', 'downsample': 3"));
    assertThat(p).isEqualTo("model.downsample: 3 is not allowed; allowed values: 2, 4");
  }

  @Test
  void polyakDecayOneIsExcluded() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'training'", "'optimizer': {'polyak_decay': 1.0}, 'training'"));
    assertThat(p).isEqualTo("optimizer.polyak_decay: 1 is out of range; must be < 1");
  }

  @Test
  void unknownKindListsTheKinds() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'hrvqvae'", "'vqgan'"));
    assertThat(p).isEqualTo("model.kind: \"vqgan\" is not allowed; allowed values: hrvqvae, vqvae, vqvae2");
  }

  @Test
  void betasNeedOnePerLayer() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'codewords': 4", "'codewords': 4, 'layers': 3, 'betas': [0.25, 0.25]"));
    assertThat(p).isEqualTo("model.quantizer.betas: has 2 value(s) but layers is 3; give one beta per layer");
  }

  @Test
  void vqvaeHasOneLayer() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'hrvqvae', 'quantizer': {'codewords': 4}",
        "'vqvae', 'quantizer': {'codewords': 64, 'layers': 3}"));
    assertThat(p).isEqualTo("model.quantizer.layers: vqvae has one flat codebook, so layers must be absent or 1, "
        + "got 3 (a tree of codebooks is kind hrvqvae)");
  }

  @Test
  void vqvae2HasNoDataInit() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'hrvqvae', 'quantizer': {'codewords': 4}",
        "'vqvae2', 'quantizer': {'codewords': 64, 'data_init': true}"));
    assertThat(p).isEqualTo("model.quantizer.data_init: not supported by vqvae2 (hrvqvae and vqvae only); remove it or set false");
  }

  @Test
  void hrvqvaeTakesNoLevels() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'codewords': 4", "'codewords': 4, 'levels': 2"));
    assertThat(p).isEqualTo("model.quantizer.levels: not used by kind hrvqvae; remove it (vqvae2 only)");
  }

  @Test
  void imageSizeMustDivideByDownsample() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'dataset': 'mnist'", "'dataset': 'synthetic', 'image_size': 30")
        .replace("'kind': 'hrvqvae'", "'kind': 'hrvqvae', 'downsample': 4"));
    assertThat(p).isEqualTo("data.image_size: 30 is not divisible by model.downsample 4");
  }

  @Test
  void vqvae2BottomMustHalve() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'dataset': 'mnist'", "'dataset': 'synthetic', 'image_size': 24")
        .replace("'kind': 'hrvqvae', 'quantizer': {'codewords': 4}", "'kind': 'vqvae2', 'downsample': 4, 'quantizer': {'codewords': 4}"));
    assertThat(p).isEqualTo("data.image_size: vqvae2 with 3 levels halves the bottom latent size 6 (image_size / downsample) "
        + "2 times, so it must be divisible by 4");
  }

  @Test
  void patches32NeedsImageSize32() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'dataset': 'mnist'", "'dataset': 'patches32', 'image_size': 28"));
    assertThat(p).isEqualTo("data.image_size: patches32 images are 32x32, so image_size must be 32, got 28");
  }

  @Test
  void mnistNeedsAtLeast28() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'dataset': 'mnist'", "'dataset': 'mnist', 'image_size': 16"));
    assertThat(p).startsWith("data.image_size: mnist images are 28x28").endsWith("must be >= 28, got 16");
  }

  @Test
  void tooManyCodes() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'codewords': 4", "'codewords': 64, 'layers': 5"));
    assertThat(p).isEqualTo("model.quantizer: codewords^layers = 64^5 is more than 2^24 = 16777216 codes");
  }

  @Test
  void requiredKeyMissing() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'steps': 100", "'log_every': 10"));
    assertThat(p).isEqualTo("training.steps: required key is missing");
  }

  @Test
  void nullableTypeNamesBoth() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'training'", "'optimizer': {'clip_global_norm': 'yes'}, 'training'"));
    assertThat(p).isEqualTo("optimizer.clip_global_norm: expected a number or null, got a string \"yes\"");
  }

  @Test
  void arrayItemsAreIndexed() {
    String p = problem(ConfigFixtures.MINIMAL.replace("'codewords': 4", "'codewords': 4, 'betas': [0.25, -1, 0.25]"));
    assertThat(p).isEqualTo("model.quantizer.betas[1]: -1 is out of range; must be >= 0");
  }

  @Test
  void allErrorsAtOnceOnePerLine() {
    ConfigException e = fails(ConfigFixtures.MINIMAL.replace("'steps': 100", "'steps': 0")
        .replace("'dataset': 'mnist'", "'dataset': 'cifar'"));
    assertThat(e.problems()).hasSize(2);
    assertThat(e.getMessage().split("\n")).hasSize(2);
    assertThat(e.getMessage())
        .contains("data.dataset: \"cifar\" is not allowed; allowed values: mnist, fashion-mnist, patches32, synthetic")
        .contains("training.steps: 0 is out of range; must be >= 1");
  }

  @Test
  void semanticErrorsAtOnceToo() {
    ConfigException e = fails(ConfigFixtures.MINIMAL.replace("'hrvqvae', 'quantizer': {'codewords': 4}",
        "'vqvae', 'quantizer': {'codewords': 4, 'betas': [1], 'search': 'flat'}"));
    assertThat(e.problems()).hasSize(2);
    assertThat(e.problems().get(0)).endsWith("model.quantizer.betas: not used by kind vqvae; remove it (hrvqvae only)");
    assertThat(e.problems().get(1)).endsWith("model.quantizer.search: not used by kind vqvae; remove it (hrvqvae only)");
  }

  @Test
  void syntaxErrorNamesLineAndColumn() {
    Path file = ConfigFixtures.write(dir, "broken.json", "{\n  'data': {'dataset': 'mnist'},\n  'model': {'kind': 'hrvqvae',,}\n}");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
    assertThat(e.getMessage()).startsWith(file + ":3:").contains("invalid JSON");
  }

  @Test
  void duplicateKeyIsASyntaxError() {
    Path file = ConfigFixtures.write(dir, "dup.json", "{'seed': 1,\n 'seed': 2}");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
    assertThat(e.getMessage()).startsWith(file + ":2:").contains("Duplicate field 'seed'");
  }

  @Test
  void missingParentNamesBothFiles() {
    Path file = ConfigFixtures.write(dir, "child.json", "{'extends': 'nowhere/base.json', 'training': {'steps': 5}}");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
    assertThat(e.getMessage()).isEqualTo(file + ": extends \"nowhere/base.json\": no such file " + dir.resolve("nowhere/base.json"));
  }

  @Test
  void extendsCycleNamesTheFiles() {
    ConfigFixtures.write(dir, "a.json", "{'extends': 'sub/b.json'}");
    ConfigFixtures.write(dir, "sub/b.json", "{'extends': '../a.json'}");
    Path a = dir.resolve("a.json");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(a));
    Path real = dir.toAbsolutePath().normalize();
    assertThat(e.getMessage()).isEqualTo(real.resolve("a.json") + ": extends cycle: "
        + real.resolve("a.json") + " -> " + real.resolve("sub/b.json") + " -> " + real.resolve("a.json"));
  }

  @Test
  void topLevelMustBeAnObject() {
    Path file = ConfigFixtures.write(dir, "list.json", "[1, 2]");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
    assertThat(e.getMessage()).isEqualTo(file + ": expected a JSON object at the top level, got array");
  }
}
