package dev.hrvq.layers.pixelcnn;

import dev.hrvq.api.Layer;
import dev.hrvq.layers.Layers;
import java.util.ArrayList;
import java.util.List;

/**
 * A gated PixelCNN prior over a grid of codes: a mask-A {@link GatedBlock}, mask-B blocks, optional
 * {@link CausalSelfAttention} on the horizontal stack, and a 1x1 head to logits per position.
 * Output logits at (i, j) depend only on input positions before (i, j) in raster order.
 */
public final class GatedPixelCnn {
  private GatedPixelCnn() {}

  /** {@link #network(String, int, int, int, int, int, int, float)} without dropout. */
  public static Layer network(String name, int classesOrZero, int hidden, int blocks, int kernel, int attentionEvery,
      int outputsPerPosition) {
    return network(name, classesOrZero, hidden, blocks, kernel, attentionEvery, outputsPerPosition, 0f);
  }

  /**
   * The network {@code [B,H,W,C_in + classes] -> [B,H,W,outputsPerPosition]}.
   *
   * <p>Input: the first {@code C_in} channels embed the codes (e.g. a one-hot of K codes; the caller
   * decides); when {@code classesOrZero > 0} the trailing channels hold the class one-hot, the same
   * at every position. Parameters: {@code block0/...} to {@code block<n-1>/...},
   * {@code attention<i>/...} (after block i when {@code (i + 1) % attentionEvery == 0}),
   * {@code head/...}, {@code logits/...}.
   *
   * @param blocks at least 1; the first is mask A
   * @param attentionEvery attention after every this many blocks, 0 for none
   * @param dropout rate inside every gated block in {@code Mode.TRAIN}, 0 for none
   */
  public static Layer network(String name, int classesOrZero, int hidden, int blocks, int kernel, int attentionEvery,
      int outputsPerPosition, float dropout) {
    if (blocks < 1) {
      throw new IllegalArgumentException("network '" + name + "': blocks must be at least 1, got " + blocks);
    }
    if (attentionEvery < 0) {
      throw new IllegalArgumentException("network '" + name + "': attentionEvery must be >= 0, got " + attentionEvery);
    }
    if (outputsPerPosition <= 0) {
      throw new IllegalArgumentException("network '" + name + "': outputsPerPosition must be positive, got " + outputsPerPosition);
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      layers.add(GatedBlock.of("block" + i, i == 0 ? MaskType.A : MaskType.B, hidden, kernel, classesOrZero, dropout));
      if (attentionEvery > 0 && (i + 1) % attentionEvery == 0) {
        layers.add(Stream.onHorizontal(CausalSelfAttention.layer("attention" + i, hidden), hidden, classesOrZero));
      }
    }
    // Only the horizontal stack is causal in raster order; the vertical one has seen the whole row.
    layers.add(Stream.horizontal("horizontal", hidden, classesOrZero));
    layers.add(Layers.relu());
    layers.add(Layers.conv2d("head", hidden, 1, 1));
    layers.add(Layers.relu());
    layers.add(Layers.conv2d("logits", outputsPerPosition, 1, 1));
    return Layers.serial(name, layers.toArray(Layer[]::new));
  }
}
