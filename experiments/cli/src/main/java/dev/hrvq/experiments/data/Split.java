package dev.hrvq.experiments.data;

import java.util.Locale;

/** Which part of a data set: the training images or the held-out test images. */
public enum Split {
  TRAIN,
  TEST;

  /** Parses {@code train} or {@code test} (any case); the message lists both on anything else. */
  public static Split parse(String text) {
    for (Split s : values()) {
      if (s.name().equalsIgnoreCase(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown split '" + text + "'; use train or test");
  }

  /** The lower-case name used on the command line and in file names. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
