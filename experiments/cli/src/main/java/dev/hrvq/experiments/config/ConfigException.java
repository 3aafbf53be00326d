package dev.hrvq.experiments.config;

import java.util.List;

/** An experiment config that cannot be loaded: every problem found, one line each, prefixed with the file. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Problems, each already naming its file and JSON path. */
  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** One problem. */
  public ConfigException(String problem) {
    this(List.of(problem));
  }

  /** The problems, in the order found. */
  public List<String> problems() {
    return problems;
  }
}
