package dev.hrvq.experiments.run;

import dev.hrvq.experiments.config.ExperimentConfig.ModelConfig;
import dev.hrvq.experiments.config.ExperimentConfig.QuantizerConfig;
import dev.hrvq.models.Architecture;
import dev.hrvq.models.HrVqVae;
import dev.hrvq.models.VqAutoencoder;
import dev.hrvq.models.VqVae;
import dev.hrvq.models.VqVae2;
import dev.hrvq.quantize.EmaOptions;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;
import dev.hrvq.quantize.VectorQuantizer;

/** Builds the model a config describes, for images of the data set's size and channels. */
public final class ModelFactory {
  private ModelFactory() {}

  public static VqAutoencoder build(ModelConfig m, int imageSize, int channels) {
    Architecture arch = new Architecture(imageSize, channels, m.hidden(), m.residualUnits(), m.dim(), m.downsample());
    QuantizerConfig q = m.quantizer();
    EmaOptions ema = q.ema() == null ? null : new EmaOptions(q.ema().decay(), q.ema().epsilon());
    return switch (m.kind()) {
      case "hrvqvae" -> {
        var b = HierarchicalQuantizer.builder().setCodewords(q.codewords()).setLayers(q.layers())
            .optSearch("flat".equals(q.search()) ? Search.FLAT : Search.TREE);
        if (ema != null) {
          b.optEma(ema);
        }
        yield new HrVqVae(arch, b.build(), q.beta0(), q.betas());
      }
      case "vqvae" -> {
        var b = VectorQuantizer.builder(q.codewords());
        if (ema != null) {
          b.optEma(ema);
        }
        yield new VqVae(arch, b.build(), q.beta());
      }
      case "vqvae2" -> new VqVae2(arch, q.levels(), q.codewords(), q.beta());
      default -> throw new IllegalArgumentException("model.kind: unknown kind '" + m.kind() + "'; use hrvqvae, vqvae or vqvae2");
    };
  }
}
