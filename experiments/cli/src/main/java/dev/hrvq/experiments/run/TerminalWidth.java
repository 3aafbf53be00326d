package dev.hrvq.experiments.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The width of the controlling terminal in columns, asked of {@code stty size} on {@code /dev/tty}
 * (Java has no ioctl; bash does not export {@code COLUMNS} to children), at most every two seconds
 * so a resized window is followed. Falls back to {@code $COLUMNS}, then 80.
 */
final class TerminalWidth {
  static final int FALLBACK = 80;
  private static final long REFRESH_NANOS = 2_000_000_000L;
  private long askedAt = Long.MIN_VALUE;
  private int columns = FALLBACK;

  int columns() {
    long now = System.nanoTime();
    if (askedAt == Long.MIN_VALUE || now - askedAt > REFRESH_NANOS) {
      askedAt = now;
      columns = ask();
    }
    return columns;
  }

  private static int ask() {
    try {
      Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor(1, TimeUnit.SECONDS) && p.exitValue() == 0) {
        String[] rowsCols = out.split("\\s+");
        int cols = Integer.parseInt(rowsCols[rowsCols.length - 1]);
        if (cols > 0) {
          return cols;
        }
      }
    } catch (IOException | RuntimeException e) {
      // no terminal or no stty: the fallbacks below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return fromEnvironment();
  }

  private static int fromEnvironment() {
    try {
      int cols = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
      return cols > 0 ? cols : FALLBACK;
    } catch (NumberFormatException e) {
      return FALLBACK;
    }
  }
}
