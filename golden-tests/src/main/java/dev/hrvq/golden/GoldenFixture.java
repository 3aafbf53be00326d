package dev.hrvq.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Any golden fixture file, told apart by its {@code format} field. */
public sealed interface GoldenFixture permits QuantizerFixture, GradientFixture, EmaFixture {

  /** The file it was read from. */
  Path file();

  /** The case name ({@code name} field). */
  String name();

  /** The {@code format} field, e.g. {@code hrvq-golden/quantizer-v1}. */
  String format();

  /** Reads a fixture of any known format. */
  static GoldenFixture read(Path file) {
    FixtureReader r = FixtureReader.open(file);
    String format = r.string("format");
    return switch (format) {
      case QuantizerFixture.FORMAT -> QuantizerFixture.read(r);
      case GradientFixture.FORMAT -> GradientFixture.read(r);
      case EmaFixture.FORMAT -> EmaFixture.read(r);
      default -> throw r.fail("format", "unknown format '" + format + "'; known: "
          + List.of(QuantizerFixture.FORMAT, GradientFixture.FORMAT, EmaFixture.FORMAT));
    };
  }

  /** Every {@code *.json} file under {@code dir} (subfolders included), sorted by path. */
  static List<Path> findAll(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
          .sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list fixtures under " + dir, e);
    }
  }

  /** Checks that {@code r}'s format is {@code want}. */
  static void expectFormat(FixtureReader r, String want) {
    String got = r.string("format");
    if (!got.equals(want)) {
      throw r.fail("format", "expected '" + want + "', got '" + got + "'");
    }
  }
}
