package dev.hrvq.experiments.cli;

import picocli.CommandLine.Option;

/** {@code --force}: replace an earlier output of the same command (never anything else); a picocli mixin. */
public final class ForceOption {
  @Option(names = "--force", description = "Replace the output if it is an earlier output of this command; "
      + "anything else at that path is never replaced.")
  boolean force;
}
