package dev.hrvq.experiments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real command line in a child JVM on the test classpath, as a user would run it; output to a log file. */
public final class ChildCli {
  private ChildCli() {}

  /** Starts {@code hrvq ARGS...} with its stdout and stderr in {@code log}; extra environment as key, value pairs. */
  public static Process start(Path log, String[] args, String... env) throws IOException {
    String[] command = new String[5 + args.length];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    command[1] = "-Xmx1g";
    command[2] = "-cp";
    command[3] = System.getProperty("java.class.path");
    command[4] = "dev.hrvq.experiments.cli.Main";
    System.arraycopy(args, 0, command, 5, args.length);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    for (int i = 0; i + 1 < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    return pb.start();
  }

  /** What the child has written so far. */
  public static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
