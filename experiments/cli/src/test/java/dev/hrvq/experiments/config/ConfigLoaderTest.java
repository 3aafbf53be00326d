package dev.hrvq.experiments.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hrvq.experiments.config.ExperimentConfig.QuantizerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid configs: defaults, kind defaults, extends, the resolved JSON and its hash. */
class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsAreApplied() {
    ExperimentConfig c = ConfigLoader.load(ConfigFixtures.write(dir, "mnist-hr.json", ConfigFixtures.MINIMAL));
    assertThat(c.name()).isEqualTo("mnist-hr");
    assertThat(c.description()).isEmpty();
    assertThat(c.seed()).isZero();
    assertThat(c.data()).isEqualTo(new ExperimentConfig.DataConfig("mnist", 32, 128, null, null));
    assertThat(c.model().kind()).isEqualTo("hrvqvae");
    assertThat(c.model().hidden()).isEqualTo(64);
    assertThat(c.model().residualUnits()).isEqualTo(64);
    assertThat(c.model().dim()).isEqualTo(8);
    assertThat(c.model().downsample()).isEqualTo(2);
    assertThat(c.model().quantizer()).as("hrvqvae binds the tree's record").isInstanceOf(ExperimentConfig.TreeQuantizer.class);
    ExperimentConfig.TreeQuantizer q = (ExperimentConfig.TreeQuantizer) c.model().quantizer();
    assertThat(q.codewords()).isEqualTo(4);
    assertThat(q.layers()).as("the schema's kindDefault").isEqualTo(3);
    assertThat(q.beta0()).isEqualTo(0.25f);
    assertThat(q.betas()).containsExactly(0.25f, 0.25f, 0.25f);
    assertThat(q.search()).isEqualTo("tree");
    assertThat(q.ema()).isNull();
    assertThat(q.dataInit()).isFalse();
    assertThat(q.deadCodeRestart()).isNull();
    assertThat(c.optimizer()).isEqualTo(new ExperimentConfig.OptimizerConfig("adam", 3e-4f, "constant", 0, null, 0f));
    assertThat(c.training()).isEqualTo(new ExperimentConfig.TrainingConfig(100, 1000, 1000, 50));
    assertThat(c.evaluation()).isEqualTo(new ExperimentConfig.EvaluationConfig(16, false, false));
    assertThat(c.output()).isEqualTo(new ExperimentConfig.OutputConfig("runs"));
  }

  @Test
  void betasDefaultToBeta0PerLayer() {
    var q = (ExperimentConfig.TreeQuantizer) ConfigLoader.load(ConfigFixtures.write(dir, "c.json",
        ConfigFixtures.MINIMAL.replace("'codewords': 4", "'codewords': 8, 'layers': 2, 'beta0': 0.5, 'search': 'flat'")))
        .model().quantizer();
    assertThat(q.betas()).containsExactly(0.5f, 0.5f);
    assertThat(q.search()).isEqualTo("flat");
  }

  @Test
  void vqvaeAndVqvae2KindDefaults() {
    QuantizerConfig vq = ConfigLoader.load(ConfigFixtures.write(dir, "vq.json", ConfigFixtures.MINIMAL.replace(
        "'hrvqvae', 'quantizer': {'codewords': 4}", "'vqvae', 'quantizer': {'codewords': 64, 'layers': 1, 'ema': {}}"))).model().quantizer();
    assertThat(vq).isInstanceOf(ExperimentConfig.FlatQuantizer.class);
    assertThat(((ExperimentConfig.FlatQuantizer) vq).beta()).isEqualTo(0.25f);
    assertThat(vq.ema()).isEqualTo(new ExperimentConfig.EmaConfig(0.99f, 1e-5f));
    QuantizerConfig vq2 = ConfigLoader.load(ConfigFixtures.write(dir, "vq2.json", ConfigFixtures.MINIMAL.replace(
        "'hrvqvae', 'quantizer': {'codewords': 4}", "'vqvae2', 'quantizer': {'codewords': 512}"))).model().quantizer();
    assertThat(vq2).isInstanceOf(ExperimentConfig.LevelsQuantizer.class);
    assertThat(((ExperimentConfig.LevelsQuantizer) vq2).levels()).isEqualTo(3);
    assertThat(((ExperimentConfig.LevelsQuantizer) vq2).beta()).isEqualTo(0.25f);
    ConfigException ema = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(
        ConfigFixtures.write(dir, "vq2-ema.json", ConfigFixtures.MINIMAL.replace(
            "'hrvqvae', 'quantizer': {'codewords': 4}", "'vqvae2', 'quantizer': {'codewords': 512, 'ema': {}}"))));
    assertThat(ema.problems()).singleElement().asString().contains("model.quantizer.ema: not supported by vqvae2");
  }

  @Test
  void extendsMergesDeeplyChildWins() {
    ConfigFixtures.write(dir, "base/base.json", """
        {'name': 'base', 'seed': 7, 'data': {'dataset': 'mnist', 'batch_size': 64},
         'model': {'kind': 'hrvqvae', 'hidden': 32, 'quantizer': {'codewords': 4, 'layers': 2, 'betas': [1, 2]}},
         'optimizer': {'learning_rate': 0.001, 'schedule': 'cosine'},
         'training': {'steps': 100, 'log_every': 10}}""");
    ConfigFixtures.write(dir, "base/mid.json", "{'extends': 'base.json', 'optimizer': {'learning_rate': 0.002}}");
    Path child = ConfigFixtures.write(dir, "exp/child.json", """
        {'extends': '../base/mid.json',
         'model': {'quantizer': {'codewords': 8, 'betas': [3, 4]}},
         'training': {'steps': 500}}""");
    ExperimentConfig c = ConfigLoader.load(child);
    assertThat(c.name()).as("name is not inherited").isEqualTo("child");
    assertThat(c.seed()).isEqualTo(7);
    assertThat(c.data().batchSize()).isEqualTo(64);
    assertThat(c.model().hidden()).isEqualTo(32);
    assertThat(c.model().quantizer().codewords()).isEqualTo(8);
    assertThat(((ExperimentConfig.TreeQuantizer) c.model().quantizer()).layers()).isEqualTo(2);
    assertThat(((ExperimentConfig.TreeQuantizer) c.model().quantizer()).betas()).containsExactly(3f, 4f);
    assertThat(c.optimizer().learningRate()).isEqualTo(0.002f);
    assertThat(c.optimizer().schedule()).isEqualTo("cosine");
    assertThat(c.training()).isEqualTo(new ExperimentConfig.TrainingConfig(500, 1000, 1000, 10));
    assertThat(ConfigLoader.resolvedJson(child).has("extends")).isFalse();
  }

  @Test
  void hashIgnoresKeyOrderAndLayout() {
    Path a = ConfigFixtures.write(dir, "same.json", """
        {'data': {'dataset': 'mnist', 'batch_size': 32}, 'model': {'kind': 'hrvqvae', 'quantizer': {'codewords': 4}},
         'training': {'steps': 100}, 'optimizer': {'learning_rate': 0.001}}""");
    Path b = ConfigFixtures.write(dir.resolve("other"), "same.json", """
        {
          "optimizer": {"learning_rate": 1e-3},
          "training": {"steps": 100.0},
          "model": {"quantizer": {"codewords": 4}, "kind": "hrvqvae"},
          "data": {"batch_size": 32, "dataset": "mnist"}
        }""");
    String hash = ConfigLoader.resolve(a).hash();
    assertThat(hash).matches("[0-9a-f]{64}");
    assertThat(ConfigLoader.resolve(b).hash()).isEqualTo(hash);
    assertThat(ConfigLoader.configHash(ConfigLoader.resolvedJson(a))).isEqualTo(hash);
    Path c = ConfigFixtures.write(dir, "same2.json", "{'extends': 'same.json', 'name': 'same', 'data': {'batch_size': 33}}");
    assertThat(ConfigLoader.resolve(c).hash()).isNotEqualTo(hash);
    Path d = ConfigFixtures.write(dir, "same3.json", "{'extends': 'same.json', 'name': 'same', 'data': {'batch_size': 32}}");
    assertThat(ConfigLoader.resolve(d).hash()).isEqualTo(hash);
  }

  @Test
  void resolvedJsonRoundTrips() {
    Path file = ConfigFixtures.write(dir, "rt.json", ConfigFixtures.MINIMAL.replace("'codewords': 4",
        "'codewords': 4, 'ema': {'decay': 0.95}, 'dead_code_restart': {'interval': 100, 'images': 512}, 'data_init': true"));
    ResolvedConfig first = ConfigLoader.resolve(file);
    ObjectNode json = first.json();
    Path saved = ConfigFixtures.write(dir.resolve("run"), "config.json", json.toPrettyString());
    ResolvedConfig again = ConfigLoader.resolve(saved);
    assertThat(again.config()).usingRecursiveComparison().isEqualTo(first.config());
    assertThat(again.json()).isEqualTo(json);
    assertThat(again.hash()).isEqualTo(first.hash());
    assertThat(ConfigLoader.fromResolvedJson(json, "config.json")).usingRecursiveComparison().isEqualTo(first.config());
  }

  @Test
  void resolvedJsonFollowsSchemaOrderAndIsComplete() {
    ObjectNode json = ConfigLoader.resolvedJson(ConfigFixtures.write(dir, "o.json", ConfigFixtures.MINIMAL));
    assertThat(json.fieldNames()).toIterable()
        .containsExactly("name", "description", "seed", "precision", "data", "model", "optimizer", "training", "evaluation", "output");
    assertThat(json.get("data").fieldNames()).toIterable()
        .containsExactly("dataset", "image_size", "batch_size", "train_limit", "test_limit");
    assertThat(json.get("model").get("quantizer").toString()).isEqualTo(
        "{\"codewords\":4,\"layers\":3,\"beta0\":0.25,\"betas\":[0.25,0.25,0.25],\"search\":\"tree\","
            + "\"ema\":null,\"data_init\":false,\"dead_code_restart\":null}");
  }
}
