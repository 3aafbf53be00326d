package dev.hrvq.api.runtime;

import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * The one session configuration of this process. TensorFlow fixes its thread pools when the first
 * session starts, so every session is built from this and it is computed once.
 *
 * <p>Threads: {@code HRVQ_INTRA_THREADS} (default: available processors) and
 * {@code HRVQ_INTER_THREADS} (default 1). The Grappler remapper is off: it only printed a spurious
 * error line here and brought no speed.
 */
public final class SessionConfig {
  private static final ConfigProto CONFIG = build();

  private SessionConfig() {}

  public static ConfigProto get() {
    return CONFIG;
  }

  public static int intraOpThreads() {
    return CONFIG.getIntraOpParallelismThreads();
  }

  public static int interOpThreads() {
    return CONFIG.getInterOpParallelismThreads();
  }

  private static ConfigProto build() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads("HRVQ_INTRA_THREADS", Runtime.getRuntime().availableProcessors()))
        .setInterOpParallelismThreads(threads("HRVQ_INTER_THREADS", 1))
        .setAllowSoftPlacement(true)
        .setGraphOptions(GraphOptions.newBuilder()
            .setRewriteOptions(RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF)))
        .build();
  }

  private static int threads(String variable, int fallback) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + "=" + value + " is not a positive integer");
    }
  }
}
