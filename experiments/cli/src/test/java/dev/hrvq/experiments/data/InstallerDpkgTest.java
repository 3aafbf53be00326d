package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code dpkg-deb -x} on a tiny dataset-fashion-mnist .deb built here with
 * {@code dpkg-deb --build}; only {@code apt-get download} is faked (it copies that .deb), so no
 * network is used. Skipped where dpkg-deb is missing (not Debian).
 */
class InstallerDpkgTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @BeforeEach
  void needsDpkgDeb() {
    boolean present = Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, "dpkg-deb")));
    assumeTrue(present, "dpkg-deb is not on PATH");
  }

  /**
   * Builds dataset-fashion-mnist_1_all.deb holding 3 train and 3 test gzipped IDX images and, after
   * them in the archive, 200 kB of padding; uncompressed, so a truncated copy still unpacks the IDX
   * files before failing, as an interrupted unpack would.
   */
  private Path buildDeb() throws IOException, InterruptedException {
    Path tree = tmp.resolve("build/dataset-fashion-mnist");
    Files.createDirectories(tree.resolve("DEBIAN"));
    Files.writeString(tree.resolve("DEBIAN/control"), String.join("\n",
        "Package: dataset-fashion-mnist", "Version: 1", "Architecture: all",
        "Maintainer: hrvq tests <tests@hrvq.invalid>", "Description: a tiny stand-in", ""));
    IdxFiles.writeMnistLike(tree.resolve("usr/share/datasets/fashion-mnist"), 3, 2, 2, true);
    byte[] padding = new byte[200_000];
    new java.util.Random(1).nextBytes(padding);
    Files.write(Files.createDirectories(tree.resolve("usr/share/zz")).resolve("padding"), padding);
    Path deb = tmp.resolve("build/dataset-fashion-mnist_1_all.deb");
    Process p = new ProcessBuilder("dpkg-deb", "--root-owner-group", "-Znone", "--build", tree.toString(), deb.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(log).isZero();
    return deb;
  }

  /** Fakes apt-get download by copying {@code deb} into its folder; runs everything else for real. */
  private Installer installer(DataLocations locations, Path deb) {
    Installer.CommandRunner real = Installer.processRunner(out);
    return new Installer(locations, out, (List<String> cmd, Map<String, String> env, Path dir) -> {
      if (cmd.get(0).equals("apt-get")) {
        Files.copy(deb, dir.resolve(deb.getFileName()));
        return 0;
      }
      return real.run(cmd, env, dir);
    });
  }

  @Test
  void unpacksARealDebUnderHrvqDataAndLoadsIt() throws Exception {
    DataLocations locations = new DataLocations(tmp.resolve("data"), tmp.resolve("sys"));
    installer(locations, buildDeb()).install("fashion-mnist");

    Path dir = tmp.resolve("data/debian/unpacked/dataset-fashion-mnist/usr/share/datasets/fashion-mnist");
    assertThat(dir.resolve("train-images-idx3-ubyte.gz")).isRegularFile();
    Dataset test = new DataSets(locations).load("fashion-mnist", "test");
    assertThat(test.shape()).containsExactly(3, 2, 2, 1);
    try (Stream<Path> s = Files.list(tmp.resolve("data/debian/unpacked"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("dataset-fashion-mnist");
    }
  }

  @Test
  void aTruncatedDebFailsAndLeavesNoUnpackedFolder() throws Exception {
    Path good = buildDeb();
    Path truncated = tmp.resolve("dataset-fashion-mnist_1_all.deb");
    byte[] bytes = Files.readAllBytes(good);
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100_000)); // inside the padding
    DataLocations locations = new DataLocations(tmp.resolve("data"), tmp.resolve("sys"));

    assertThatThrownBy(() -> installer(locations, truncated).install("fashion-mnist"))
        .isInstanceOf(InstallException.class)
        .hasMessageContaining("dpkg-deb -x " + tmp.resolve("data/debian/debs/dataset-fashion-mnist_1_all.deb")
            + " failed with exit code ");
    try (Stream<Path> s = Files.list(tmp.resolve("data/debian/unpacked"))) {
      assertThat(s).isEmpty(); // neither the package folder nor its temporary sibling
    }
    assertThat(new DataSets(locations).isInstalled("fashion-mnist")).isFalse();
  }
}
