package dev.hrvq.experiments.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hrvq.experiments.data.ImageFolderOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data keys of {@code data.dataset images}: defaults, binding, and the cross-field rules. */
class ImageFolderConfigTest {
  private static final String IMAGES = """
      {'data': {'dataset': 'images', 'path': 'photos', 'image_size': 16},
       'model': {'kind': 'hrvqvae', 'quantizer': {'codewords': 4}},
       'training': {'steps': 100}}""";

  @TempDir Path dir;

  private java.util.List<String> problems(String json) {
    Path file = ConfigFixtures.write(dir, "bad.json", json);
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
    assertThat(e).as("no ConfigException for %s", json).isNotNull();
    return e.problems().stream().map(p -> p.substring(file.toString().length() + 2)).toList();
  }

  @Test
  void imagesTakeTheirDefaultsAndBindToFolderOptions() {
    ResolvedConfig r = ConfigLoader.resolve(ConfigFixtures.write(dir, "ok.json", IMAGES));
    ObjectNode data = (ObjectNode) r.json().get("data");
    assertThat(data.toString()).isEqualTo("{\"dataset\":\"images\",\"image_size\":16,\"batch_size\":128,\"train_limit\":null,\"test_limit\":null,"
        + "\"path\":\"photos\",\"channels\":null,\"test_fraction\":0.1,\"split_seed\":0,\"skip_unreadable\":false,\"upscale\":false}");
    ImageFolderOptions o = r.config().data().imageFolder();
    assertThat(o).isEqualTo(new ImageFolderOptions(Path.of("photos"), 16, null, 0.1, 0, false, false));
    // The saved config.json reads back to the same options (eval, reconstruct, priors reopen a run so).
    assertThat(ConfigLoader.fromResolvedJson(r.json(), "config.json").data().imageFolder()).isEqualTo(o);
  }

  @Test
  void givenValuesAreKept() {
    ResolvedConfig r = ConfigLoader.resolve(ConfigFixtures.write(dir, "ok.json", IMAGES.replace("'image_size': 16",
        "'image_size': 16, 'channels': 3, 'test_fraction': 0.25, 'split_seed': 7, 'skip_unreadable': true, 'upscale': true")));
    assertThat(r.config().data().imageFolder()).isEqualTo(new ImageFolderOptions(Path.of("photos"), 16, 3, 0.25, 7, true, true));
  }

  @Test
  void otherDataSetsGetNoImageKeysSoTheirHashesStay() {
    ObjectNode data = (ObjectNode) ConfigLoader.resolvedJson(ConfigFixtures.write(dir, "m.json", ConfigFixtures.MINIMAL)).get("data");
    assertThat(data.fieldNames()).toIterable().containsExactly("dataset", "image_size", "batch_size", "train_limit", "test_limit");
  }

  @Test
  void imagesNeedAPath() {
    assertThat(problems(IMAGES.replace("'path': 'photos', ", ""))).containsExactly(
        "data.path: required with data.dataset images: the folder of your images (relative to the current folder)");
  }

  @Test
  void imageKeysAreRefusedForNamedDataSets() {
    assertThat(problems(ConfigFixtures.MINIMAL.replace("'dataset': 'mnist'", "'dataset': 'mnist', 'path': 'x', 'test_fraction': 0.2")))
        .containsExactly("data.path: only used with data.dataset images; remove it",
            "data.test_fraction: only used with data.dataset images; remove it");
  }

  @Test
  void rangesAreChecked() {
    assertThat(problems(IMAGES.replace("'image_size': 16", "'image_size': 16, 'test_fraction': 1.0")))
        .containsExactly("data.test_fraction: 1 is out of range; must be < 1");
    assertThat(problems(IMAGES.replace("'image_size': 16", "'image_size': 16, 'channels': 2")))
        .containsExactly("data.channels: 2 is not allowed; allowed values: 1, 3, null");
  }
}
