package dev.hrvq.experiments.config;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A loaded experiment: the config, the fully resolved JSON it was bound from ({@code extends}
 * merged, defaults filled in; what a run saves as {@code config.json}) and that JSON's
 * {@link ConfigLoader#configHash hash}, and the {@code --set} overrides it was given (already applied in
 * {@code json}; the hash depends on the values, not on how they were given).
 */
public record ResolvedConfig(ExperimentConfig config, ObjectNode json, String hash, List<String> overrides) {
  /** Defensive copies: the JSON stays as loaded. */
  public ResolvedConfig {
    json = json.deepCopy();
    overrides = List.copyOf(overrides);
  }

  /** A copy of the resolved JSON. */
  @Override
  public ObjectNode json() {
    return json.deepCopy();
  }
}
