package dev.hrvq.experiments.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hrvq version}: this build's version and the TensorFlow Java it was built against. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the hrvq version and the TensorFlow Java version it uses.")
public final class VersionCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    for (String line : lines()) {
      spec.commandLine().getOut().println(line);
    }
  }

  /** This build's version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return BuildInfo.properties().getProperty("version");
  }

  static String[] lines() {
    Properties p = BuildInfo.properties();
    return new String[] {
      "hrvq " + p.getProperty("version"),
      "TensorFlow Java " + p.getProperty("tensorflow.version") + " (" + p.getProperty("tensorflow.native") + ")",
      "Java " + System.getProperty("java.version")
    };
  }

  /** Lets {@code hrvq --version} print the same. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return lines();
    }
  }

  /** Values Maven wrote into {@code build.properties} at build time. */
  static final class BuildInfo {
    private BuildInfo() {}

    static Properties properties() {
      Properties p = new Properties();
      try (InputStream in = VersionCommand.class.getResourceAsStream("/dev/hrvq/experiments/build.properties")) {
        if (in == null) {
          throw new IllegalStateException("build.properties missing from the classpath: rebuild with mvn install");
        }
        p.load(in);
        return p;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
