package dev.hrvq.experiments.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's config reference is the current rendering of the schema. To regenerate it after
 * changing the schema, run this test with {@code -Dhrvq.updateReadme=true}; it rewrites the table
 * between the markers (and nothing else) in place.
 */
class ConfigReferenceTest {
  private static final Path README = Path.of("..", "..", "docs", "config.md");

  @Test
  void readmeHasTheCurrentReference() throws IOException {
    String readme = Files.readString(README);
    String current = ConfigReference.markdown();
    if (Boolean.getBoolean("hrvq.updateReadme")) {
      Files.writeString(README, ConfigReference.updateReadme(readme));
      readme = Files.readString(README);
    }
    assertThat(ConfigReference.inReadme(readme))
        .as("README.md's config reference is out of date. Regenerate it with%n"
            + "  mvn -B test -pl experiments -am -Dtest=ConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Dhrvq.updateReadme=true%n"
            + "or paste this between %s and %s:%n%s", ConfigReference.BEGIN, ConfigReference.END, current)
        .isEqualTo(current);
    assertThat(ConfigReference.sweepInReadme(readme)).as("docs/config.md's sweep table is out of date; regenerate it as above")
        .isEqualTo(ConfigReference.sweepMarkdown());
  }

  @Test
  void everyKeyIsDocumented() {
    String table = ConfigReference.markdown();
    assertThat(table).contains("| `model.quantizer.ema.decay` | number | `0.99` | > 0, < 1 | Weight of the old statistics. |");
    assertThat(table).contains("| `model.downsample` | integer | `2` | `2`, `4` |");
    assertThat(table).contains("| `training.steps` | integer | required | >= 1, <= 1000000000 |");
    assertThat(table.lines().filter(l -> l.startsWith("| `")).allMatch(l -> !l.endsWith("|  |")))
        .as("every row has a description").isTrue();
  }

  @Test
  void updateReplacesOnlyTheTable() {
    String readme = "# x\nbefore\n" + ConfigReference.BEGIN + "\nold\n" + ConfigReference.END + "\nafter\n";
    String updated = ConfigReference.updateReadme(readme);
    assertThat(updated).startsWith("# x\nbefore\n" + ConfigReference.BEGIN + "\n| key |")
        .endsWith(ConfigReference.END + "\nafter\n");
    assertThat(ConfigReference.inReadme(updated)).isEqualTo(ConfigReference.markdown());
  }
}
