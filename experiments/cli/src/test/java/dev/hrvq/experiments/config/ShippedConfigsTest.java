package dev.hrvq.experiments.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every config shipped in experiment-configs/ loads and builds its model (base files are only extended); prior configs load. */
class ShippedConfigsTest {

  private static boolean isSweep(Path file) {
    // By content, as the CLI tells them apart, and by the naming convention, so both hold.
    boolean sweep = file.toString().endsWith(".json") && !file.getFileName().toString().contains("schema") && SweepConfigLoader.isSweep(file);
    assertThat(sweep).as("%s: sweep files are named sweep-*.json", file).isEqualTo(file.getFileName().toString().startsWith("sweep-"));
    return sweep;
  }

  /** Every shipped sweep file loads and every one of its points resolves to a valid experiment. */
  @TestFactory
  Stream<DynamicTest> everyShippedSweepResolvesEveryPoint() throws IOException {
    List<Path> sweeps;
    try (Stream<Path> all = Files.list(Path.of("../../experiment-configs"))) {
      sweeps = all.filter(ShippedConfigsTest::isSweep).sorted().toList();
    }
    assertThat(sweeps).isNotEmpty();
    return sweeps.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      SweepConfig sweep = SweepConfigLoader.load(f);
      assertThat(sweep.description()).contains("Scale:");
      var runner = new dev.hrvq.experiments.study.SweepRunner(sweep, Path.of("runs/sweeps/never-written"),
          dev.hrvq.experiments.data.DataSets.fromEnvironment(), System.out, "test");
      assertThat(runner.resolveAll()).hasSize(runner.runs().size()).isNotEmpty();
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyShippedConfigLoadsAndBuildsItsModel() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.list(Path.of("../../experiment-configs"))) {
      files = all.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith("base-")
          && !p.getFileName().toString().contains("schema") && !isSweep(p)).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      if (ConfigLoader.isPrior(f)) {
        PriorConfig prior = PriorConfigLoader.resolve(f).config();
        assertThat(prior.description()).contains("Scale:");
        assertThat(prior.prior().run()).startsWith("runs/");
        return;
      }
      ExperimentConfig cfg = ConfigLoader.load(f);
      assertThat(cfg.description()).contains("Scale:");
      int channels = cfg.data().dataset().equals("patches32") ? 3 : 1;
      assertThat(cfg.model().spec(cfg.data().imageSize(), channels).build().model().params()).isNotEmpty();
    }));
  }
}
