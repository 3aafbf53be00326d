package dev.hrvq.experiments.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A loaded experiment: the config, the fully resolved JSON it was bound from ({@code extends}
 * merged, defaults filled in; what a run saves as {@code config.json}) and that JSON's
 * {@link ConfigLoader#configHash hash}.
 */
public record ResolvedConfig(ExperimentConfig config, ObjectNode json, String hash) {
  /** Defensive copy: the JSON stays as loaded. */
  public ResolvedConfig {
    json = json.deepCopy();
  }

  /** A copy of the resolved JSON. */
  @Override
  public ObjectNode json() {
    return json.deepCopy();
  }
}
