package dev.hrvq.layers;

import static dev.hrvq.layers.Layers.conv2d;
import static dev.hrvq.layers.Layers.convTranspose2d;
import static dev.hrvq.layers.Layers.relu;
import static dev.hrvq.layers.Layers.residual;
import static dev.hrvq.layers.Layers.serial;

import dev.hrvq.api.Layer;
import java.util.ArrayList;
import java.util.List;

/**
 * The VQ-VAE building blocks of van den Oord et al. (2017) as used by HR-VQVAE's reference code:
 * the residual stack, the encoder and the decoder.
 */
public final class Blocks {
  private Blocks() {}

  /**
   * {@code layers} residual blocks {@code x + conv1x1(relu(conv3x3(relu(x))))} with
   * {@code residualUnits} channels inside (parameters {@code res0/conv3/...}, {@code res0/conv1/...}).
   * Like the reference, no activation follows the stack; the encoder and decoder add one.
   */
  public static Layer resStack(String name, int hidden, int residualUnits, int layers) {
    List<Layer> blocks = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      blocks.add(residual("res" + i, relu(), conv2d("conv3", residualUnits, 3, 1), relu(), conv2d("conv1", hidden, 1, 1)));
    }
    return serial(name, blocks.toArray(Layer[]::new));
  }

  /**
   * The reference encoder: conv4x4 s2 to hidden/2, relu, [conv4x4 s2 to hidden, relu when
   * downsampling by 4], conv3x3 to hidden, resStack(2), relu, conv1x1 to {@code dim}.
   *
   * @param downsample 2 or 4: the ratio of image size to latent size
   */
  public static Layer encoder(String name, int hidden, int residualUnits, int dim, int downsample) {
    checkDownsample(downsample);
    List<Layer> layers = new ArrayList<>(List.of(conv2d("down0", hidden / 2, 4, 2), relu()));
    if (downsample == 4) {
      layers.addAll(List.of(conv2d("down1", hidden, 4, 2), relu()));
    }
    layers.addAll(List.of(
        conv2d("conv", hidden, 3, 1),
        resStack("res", hidden, residualUnits, 2),
        relu(),
        conv2d("out", dim, 1, 1)));
    return serial(name, layers.toArray(Layer[]::new));
  }

  /**
   * The reference decoder: conv3x3 to hidden, resStack(2), relu, [convT4x4 s2 to hidden/2, relu
   * when upsampling by 4], convT4x4 s2 to {@code channels}. No output activation: the loss is
   * MSE on the data scale, as in the reference.
   */
  public static Layer decoder(String name, int hidden, int residualUnits, int channels, int upsample) {
    checkDownsample(upsample);
    List<Layer> layers = new ArrayList<>(List.of(
        conv2d("conv", hidden, 3, 1),
        resStack("res", hidden, residualUnits, 2),
        relu()));
    if (upsample == 4) {
      layers.addAll(List.of(convTranspose2d("up1", hidden / 2, 4, 2), relu()));
    }
    layers.add(convTranspose2d("up0", channels, 4, 2));
    return serial(name, layers.toArray(Layer[]::new));
  }

  private static void checkDownsample(int factor) {
    if (factor != 2 && factor != 4) {
      throw new IllegalArgumentException("downsampling factor must be 2 or 4, got " + factor);
    }
  }
}
