package dev.hrvq.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM has no parent (so importing it pins nothing but hrvq and TensorFlow), so its versions are
 * written out: they must be the build's, and it must list every hrvq artifact a user can depend on.
 */
class BomTest {
  private static final Path ROOT = Path.of("..", "..");

  private static String tag(String pom, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(pom);
    assertThat(m.find()).as("<%s> in the pom", tag).isTrue();
    return m.group(1);
  }

  @Test
  void versionsAndArtifactsAreTheBuilds() throws IOException {
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    String bom = Files.readString(ROOT.resolve("experiments/bom/pom.xml"));
    String version = tag(parent.substring(parent.indexOf("<artifactId>hrvq-parent</artifactId>")), "version");
    assertThat(tag(bom, "version")).isEqualTo(version);
    assertThat(tag(bom, "hrvq.version")).isEqualTo(version);
    assertThat(tag(bom, "tensorflow.version")).isEqualTo(tag(parent, "tensorflow.version"));
    List<String> jars = new ArrayList<>();
    for (String module : List.of("api", "layers", "quantize", "losses", "golden-tests", "experiments/models", "experiments/cli")) {
      String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
      String own = pom.substring(pom.indexOf("</parent>"));
      jars.add(tag(own, "artifactId"));
    }
    assertThat(jars).allSatisfy(a -> assertThat(bom).contains("<artifactId>" + a + "</artifactId>"));
  }
}
