package dev.hrvq.experiments.data;

/** Installing a data set failed; the message says why and, where it can, what to run instead. */
public final class InstallException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure with a message for the user. */
  public InstallException(String message) {
    super(message);
  }

  /** A failure caused by {@code cause} (a process that would not start, an interrupt). */
  public InstallException(String message, Throwable cause) {
    super(message, cause);
  }
}
