package dev.hrvq.experiments.data;

import dev.hrvq.api.runtime.Checkpoints;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fetches and unpacks a Debian package's files into {@code $HRVQ_DATA} for {@link Installer}.
 *
 * <p>A Debian package is fetched alone, without its dependencies (we want its files, not a working
 * program): {@code apt-get download PKG} in a temporary folder under {@code $HRVQ_DATA/debian/debs},
 * the .deb then moved into that folder, and reused from there by a later install. It is unpacked
 * with {@code dpkg-deb -x PKG.deb} into a temporary sibling of
 * {@code $HRVQ_DATA/debian/unpacked/PKG}, renamed to that name only once dpkg-deb succeeded; so
 * that folder existing means it is complete, and an interrupted install leaves only a
 * {@code .PKG.partial-*} folder (reported, never read). One folder per package rather than one
 * shared root, because only a folder of one's own can appear by a single rename.
 *
 * <p>{@code apt-get download} needs package lists. It first uses the system's; when that fails (a
 * fresh machine may have none, or stale ones that name deleted files), it runs {@code apt-get
 * update} into a private state under {@code $HRVQ_DATA/debian/apt} (lists and caches; the sources
 * and keys are still the system's) and downloads with that. Both need no root.
 */
final class DebianPackages {

  private final DataLocations locations;
  private final PrintStream out;
  private final Installer.CommandRunner runner;
  /** Set once the private lists were fetched in this run: later downloads use them directly. */
  private boolean privateLists;

  DebianPackages(DataLocations locations, PrintStream out, Installer.CommandRunner runner) {
    this.locations = locations;
    this.out = out;
    this.runner = runner;
  }

  /** Unpacks {@code pkg} for data set {@code name}, downloading it first unless its .deb is there. */
  void install(String name, String pkg) {
    Path target = locations.unpackedDir(pkg);
    reportLeftovers(target.getParent(), "." + pkg + ".partial-");
    if (Files.isDirectory(target)) {
      out.println(pkg + " is already unpacked (" + target + ")");
      return;
    }
    Path deb = findDeb(pkg);
    if (deb != null) {
      out.println("using the downloaded " + deb);
    } else {
      deb = download(name, pkg);
    }
    unpack(name, pkg, deb, target);
  }

  /** {@code $HRVQ_DATA/debian/debs/PKG_*.deb}, or null; only complete downloads are moved there. */
  private Path findDeb(String pkg) {
    Path debs = Installer.createDirectories(locations.debsDir());
    reportLeftovers(debs, "." + pkg + ".download-");
    try (Stream<Path> files = Files.list(debs)) {
      // Several only if someone added one by hand; the last by name is usually the newest version.
      return files.filter(f -> isDebOf(f, pkg)).sorted().reduce((a, b) -> b).orElse(null);
    } catch (IOException e) {
      throw new InstallException("cannot list " + debs + ": " + e.getMessage(), e);
    }
  }

  /** apt-get download names the file {@code PKG_VERSION_ARCH.deb}; package names have no '_'. */
  private static boolean isDebOf(Path file, String pkg) {
    String f = file.getFileName().toString();
    return f.startsWith(pkg + "_") && f.endsWith(".deb") && Files.isRegularFile(file);
  }

  /** {@code apt-get download pkg} with the system's lists, else with private ones; returns the .deb. */
  private Path download(String name, String pkg) {
    Path debs = locations.debsDir();
    Path tmp = createTempDirectory(debs, "." + pkg + ".download-");
    try {
      String noApt = "apt-get is not on PATH; " + name + " is fetched from the Debian package " + pkg
          + " with apt-get download (Debian or Ubuntu, no root needed). Elsewhere, copy the folder "
          + locations.unpackedDir(pkg) + " from a Debian machine where ./hrvq data install " + name
          + " worked";
      boolean done = !privateLists && run(List.of("apt-get", "download", pkg), tmp, noApt) == 0;
      if (!done) {
        if (!privateLists) {
          out.println("apt-get download failed with the system's package lists; fetching our own"
              + " into " + locations.aptDir() + " (no root needed)");
          updatePrivateLists(name, noApt);
        }
        List<String> cmd = aptGet("download", pkg);
        int rc = run(cmd, tmp, noApt);
        if (rc != 0) {
          throw new InstallException(String.join(" ", cmd) + " failed with exit code " + rc
              + " (with the package lists in " + locations.aptDir() + "): is " + pkg + " in the"
              + " Debian release named in /etc/apt/sources.list(.d)? Check the network, then run"
              + " ./hrvq data install " + name + " again");
        }
      }
      Path deb = singleDeb(tmp, pkg);
      Path kept = debs.resolve(deb.getFileName());
      Files.move(deb, kept, StandardCopyOption.ATOMIC_MOVE);
      return kept;
    } catch (IOException e) {
      throw new InstallException("cannot move the downloaded " + pkg + " into " + debs + ": "
          + e.getMessage(), e);
    } finally {
      // Our own temporary folder: on success it is empty, on failure it holds a partial download.
      Checkpoints.deleteTreeQuietly(tmp);
    }
  }

  /** {@code apt-get update} into {@code $HRVQ_DATA/debian/apt}; apt needs lists/partial to exist. */
  private void updatePrivateLists(String name, String noApt) {
    Installer.createDirectories(locations.aptDir().resolve("lists/partial"));
    List<String> cmd = aptGet("update");
    int rc = run(cmd, null, noApt);
    if (rc != 0) {
      throw new InstallException(String.join(" ", cmd) + " failed with exit code " + rc
          + "; check the network and the mirrors in /etc/apt/sources.list(.d), then run"
          + " ./hrvq data install " + name + " again");
    }
    // apt-get update exits 0 even when no mirror answered (it only warns), so look for a list.
    if (!hasPackageList(locations.aptDir().resolve("lists"))) {
      throw new InstallException(String.join(" ", cmd) + " fetched no package list (see its"
          + " warnings above): check the network and the mirrors in /etc/apt/sources.list(.d),"
          + " then run ./hrvq data install " + name + " again");
    }
    privateLists = true;
  }

  /** True when {@code lists} holds a Packages index (apt names them HOST_..._Packages[.lz4]). */
  private static boolean hasPackageList(Path lists) {
    try (Stream<Path> files = Files.list(lists)) {
      return files.anyMatch(f -> f.getFileName().toString().contains("_Packages"));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * apt-get with its lists and caches in {@code $HRVQ_DATA/debian/apt}, so that neither needs root.
   * Its own lock file lives there too, which keeps two concurrent installs apart without root.
   */
  private List<String> aptGet(String... args) {
    Path apt = locations.aptDir();
    List<String> cmd = new ArrayList<>(List.of("apt-get",
        "-o", "Dir::State::Lists=" + apt.resolve("lists"),
        "-o", "Dir::Cache=" + apt.resolve("cache")));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static Path singleDeb(Path dir, String pkg) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> debs = files.filter(f -> isDebOf(f, pkg)).toList();
      if (debs.size() != 1) {
        throw new InstallException("apt-get download " + pkg + " succeeded but left " + debs.size()
            + " " + pkg + "_*.deb files in " + dir + " instead of one");
      }
      return debs.get(0);
    }
  }

  /** {@code dpkg-deb -x deb} into a temporary sibling of {@code target}, renamed when complete. */
  private void unpack(String name, String pkg, Path deb, Path target) {
    Path tmp = createTempDirectory(target.getParent(), "." + pkg + ".partial-");
    try {
      int rc = run(List.of("dpkg-deb", "-x", deb.toString(), tmp.toString()), null,
          "dpkg-deb is not on PATH; it comes with Debian's dpkg (present on every Debian or Ubuntu)."
              + " Elsewhere, unpack " + deb + " (an ar archive holding data.tar.*) into " + target);
      if (rc != 0) {
        throw new InstallException("dpkg-deb -x " + deb + " failed with exit code " + rc
            + "; if the .deb is damaged, delete it and run ./hrvq data install " + name + " again");
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new InstallException("cannot rename the unpacked " + tmp + " to " + target + ": "
          + e.getMessage(), e);
    } finally {
      // Gone after the rename; after a failure it is ours and incomplete.
      Checkpoints.deleteTreeQuietly(tmp);
    }
  }

  /** Names temporary folders an interrupted install left (they are never read, so only reported). */
  private void reportLeftovers(Path dir, String prefix) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> f.getFileName().toString().startsWith(prefix)).sorted().forEach(f ->
          out.println("note: " + f + " is left from an interrupted install; it is unused, delete it"
              + " to free the space"));
    } catch (IOException e) {
      // Only a note; the install itself reports real problems.
    }
  }

  private static Path createTempDirectory(Path parent, String prefix) {
    try {
      return Files.createTempDirectory(Installer.createDirectories(parent), prefix);
    } catch (IOException e) {
      throw new InstallException("cannot create a folder in " + parent + ": " + e.getMessage(), e);
    }
  }

  private int run(List<String> cmd, Path dir, String notFound) {
    return Installer.run(runner, out, cmd, dir, notFound);
  }
}
