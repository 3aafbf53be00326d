package dev.hrvq.experiments.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config files that are not UTF-8 JSON text, and keys reported against the file that holds them. */
class ConfigFileFaultTest {
  @TempDir Path dir;

  private String message(Path file) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
    assertThat(e).as("a ConfigException for %s", file).isNotNull();
    return e.getMessage();
  }

  @Test
  void utf16IsNamedAsSuch() throws IOException {
    Path file = dir.resolve("utf16.json");
    Files.write(file, ("\uFEFF" + ConfigFixtures.MINIMAL.replace('\'', '"')).getBytes(StandardCharsets.UTF_16LE));
    assertThat(message(file)).startsWith(file.toString()).contains("UTF-16").contains("UTF-8");
  }

  @Test
  void latin1IsNotUtf8() throws IOException {
    Path file = dir.resolve("latin1.json");
    Files.write(file, "{\"description\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(message(file)).startsWith(file.toString()).contains("not UTF-8 JSON text");
  }

  @Test
  void aBinaryFileIsNamedAsSuch() throws IOException {
    Path file = dir.resolve("model.bin");
    Files.write(file, new byte[] {0x08, 0x00, 0x12, 0x7f, 0x00, 0x00});
    assertThat(message(file)).startsWith(file.toString()).contains("binary file");
  }

  @Test
  void aDirectoryIsNotAConfigFile() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("configs"));
    assertThat(message(folder)).startsWith(folder.toString()).contains("a directory, not a config file");
  }

  @Test
  void aUtf8ByteOrderMarkIsAccepted() throws IOException {
    Path file = dir.resolve("bom.json");
    Files.write(file, ("\uFEFF" + ConfigFixtures.MINIMAL.replace('\'', '"')).getBytes(StandardCharsets.UTF_8));
    assertThat(ConfigLoader.load(file).training().steps()).isEqualTo(100);
  }

  @Test
  void anUnknownKeyInAParentIsReportedAgainstTheParent() {
    Path parent = ConfigFixtures.write(dir, "base/parent.json", """
        {'data': {'dataset': 'mnist', 'batch_sise': 64},
         'model': {'kind': 'hrvqvae', 'quantizer': {'codewords': 4}},
         'training': {'steps': 100}}""");
    Path child = ConfigFixtures.write(dir, "child.json", """
        {'extends': 'base/parent.json', 'training': {'steps': 0}}""");
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(child));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(parent.toAbsolutePath().normalize() + ": data.batch_sise: unknown key"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(child + ": training.steps:"));
  }
}
