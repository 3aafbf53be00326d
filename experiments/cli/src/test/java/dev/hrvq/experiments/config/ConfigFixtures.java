package dev.hrvq.experiments.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes config files for the tests; JSON is written with single quotes for readability. */
final class ConfigFixtures {
  /** A minimal valid hrvqvae config. */
  static final String MINIMAL = """
      {'data': {'dataset': 'mnist'},
       'model': {'kind': 'hrvqvae', 'quantizer': {'codewords': 4}},
       'training': {'steps': 100}}""";

  private ConfigFixtures() {}

  /** {@code json} (single quotes turned into double quotes) written to {@code dir/name}. */
  static Path write(Path dir, String name, String json) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, json.replace('\'', '"'));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
