package dev.hrvq.experiments.bench;

import dev.hrvq.layers.Layers;
import dev.hrvq.models.HrVqVae;
import dev.hrvq.models.VqAutoencoder;
import dev.hrvq.models.VqVae;
import dev.hrvq.models.VqVae2;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;

/**
 * Floating-point operations per image of a compiled function, counted from its graph: every
 * convolution and transposed convolution, and the MatMul each 1x1 convolution runs as (2 *
 * multiply-adds, from static shapes; the batch dimension is one image), plus the quantizer's
 * distance products, which are matmuls over a data-dependent row count and so are counted from the
 * model's sizes instead.
 */
public final class GraphFlops {
  private GraphFlops() {}

  /** TensorFlow makes repeated sub-scopes unique: pointwise, pointwise_1, ... */
  private static final Pattern POINTWISE = Pattern.compile("/" + Layers.POINTWISE_SCOPE + "(_\\d+)?/");

  /** Convolution FLOPs per image of the ops under {@code scope/} in {@code graph}. */
  public static double convolutions(Graph graph, String scope) {
    double flops = 0;
    var it = graph.operations();
    while (it.hasNext()) {
      GraphOperation op = it.next();
      if (!op.name().startsWith(scope + "/")) {
        continue;
      }
      switch (op.type()) {
        case "Conv2D" -> {
          Shape out = op.output(0).shape();
          Shape k = op.input(1).shape();
          flops += 2.0 * out.get(1) * out.get(2) * k.get(0) * k.get(1) * k.get(2) * k.get(3);
        }
        case "Conv2DBackpropInput" -> {
          Shape in = op.input(2).shape();
          Shape k = op.input(1).shape();
          flops += 2.0 * in.get(1) * in.get(2) * k.get(0) * k.get(1) * k.get(2) * k.get(3);
        }
        case "MatMul" -> {
          if (POINTWISE.matcher(op.name()).find()) {
            // [pixels, in] x [in, out], where the pixels are the flattened [batch, h, w] of the image.
            Shape image = ((GraphOperation) op.input(0).op()).input(0).shape();
            Shape k = op.input(1).shape();
            flops += 2.0 * image.get(1) * image.get(2) * k.get(0) * k.get(1);
          }
        }
        default -> { }
      }
    }
    return flops;
  }

  /** Distance FLOPs per image of the model's quantizer search (2 * D per codeword compared). */
  public static double quantizer(VqAutoencoder model) {
    if (model instanceof HrVqVae hr) {
      var s = hr.latentShape();
      return 2.0 * s.get(1) * s.get(2) * s.get(3) * hr.quantizer().codewords() * hr.quantizer().layers();
    }
    if (model instanceof VqVae vq) {
      var s = vq.latentShape();
      return 2.0 * s.get(1) * s.get(2) * s.get(3) * vq.quantizer().codewords();
    }
    if (model instanceof VqVae2 v2) {
      double total = 0;
      for (var spec : v2.codeSpecs().entrySet()) {
        Shape codes = spec.getValue().shape();
        total += 2.0 * codes.get(1) * codes.get(2) * v2.architecture().dim() * v2.codeRanges().get(spec.getKey());
      }
      return total;
    }
    throw new IllegalArgumentException("unknown model " + model.kind());
  }
}
