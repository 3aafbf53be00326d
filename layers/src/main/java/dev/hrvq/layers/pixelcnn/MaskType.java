package dev.hrvq.layers.pixelcnn;

/**
 * Whether a causal convolution may see the pixel it predicts: {@code A} (the first layer) may not,
 * {@code B} (every later layer) may, because there the features at a pixel already depend only on
 * pixels before it.
 */
public enum MaskType {
  A,
  B
}
