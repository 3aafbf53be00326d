package dev.hrvq.experiments.run;

import dev.hrvq.experiments.config.ExperimentConfig.ModelConfig;
import dev.hrvq.experiments.config.ExperimentConfig.QuantizerConfig;
import dev.hrvq.models.Architecture;
import dev.hrvq.models.ModelKind;
import dev.hrvq.models.ModelSpec;
import dev.hrvq.models.VqAutoencoder;
import dev.hrvq.quantize.EmaOptions;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;

/** The model a config describes, for images of the data set's size and channels. */
public final class ModelFactory {
  private ModelFactory() {}

  /** The library's description of the configured model (what checkpoints record). */
  public static ModelSpec spec(ModelConfig m, int imageSize, int channels) {
    Architecture arch = new Architecture(imageSize, channels, m.hidden(), m.residualUnits(), m.dim(), m.downsample());
    QuantizerConfig q = m.quantizer();
    EmaOptions ema = q.ema() == null ? null : new EmaOptions(q.ema().decay(), q.ema().epsilon());
    ModelKind kind = ModelKind.of(m.kind());
    return new ModelSpec(kind, arch, q.codewords(),
        kind == ModelKind.HRVQVAE ? q.layers() : 1,
        kind == ModelKind.VQVAE2 ? q.levels() : 0,
        q.beta() == null ? 0 : q.beta(),
        q.beta0() == null ? 0 : q.beta0(),
        q.betas() == null ? new float[0] : q.betas(),
        "flat".equals(q.search()) ? Search.FLAT : Search.TREE,
        ema);
  }

  public static VqAutoencoder build(ModelConfig m, int imageSize, int channels) {
    return spec(m, imageSize, channels).build();
  }
}
