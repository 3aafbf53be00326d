package dev.hrvq.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One dynamic test per fixture file under {@code -Dgolden.dir} (default: this module's
 * {@code fixtures/}), grouped by format and named after the case. A file that cannot be read is
 * a failing test named after the file.
 */
class GoldenSuiteTest {

  static Path dir() {
    return Path.of(System.getProperty("golden.dir", "fixtures")).toAbsolutePath().normalize();
  }

  @TestFactory
  Stream<DynamicNode> fixtures() {
    Path dir = dir();
    assertThat(dir).as("golden.dir").isDirectory();
    List<Path> files = GoldenFixture.findAll(dir);
    assertThat(files).as("fixture files under " + dir).isNotEmpty();
    Map<String, List<DynamicNode>> byFormat = new LinkedHashMap<>();
    List<DynamicNode> unreadable = new ArrayList<>();
    for (Path file : files) {
      GoldenFixture f;
      try {
        f = GoldenFixture.read(file);
      } catch (RuntimeException e) {
        unreadable.add(DynamicTest.dynamicTest(dir.relativize(file).toString(), file.toUri(), () -> {
          throw e;
        }));
        continue;
      }
      byFormat.computeIfAbsent(f.format(), k -> new ArrayList<>())
          .add(DynamicTest.dynamicTest(f.name(), file.toUri(), () -> check(f)));
    }
    List<DynamicNode> nodes = new ArrayList<>(unreadable);
    byFormat.forEach((format, tests) -> nodes.add(DynamicContainer.dynamicContainer(format, tests)));
    return nodes.stream();
  }

  private static void check(GoldenFixture f) {
    if (f instanceof QuantizerFixture q) {
      Golden.assertQuantizer(q, q.inputs().quantizer());
    } else if (f instanceof GradientFixture g) {
      Golden.assertGradients(g, g.inputs().quantizer());
    } else {
      Golden.assertEma((EmaFixture) f);
    }
  }

  static Path builtin(String relative) {
    Path p = Path.of("fixtures").resolve(relative);
    assertThat(Files.isRegularFile(p)).as(p.toAbsolutePath().toString()).isTrue();
    return p;
  }
}
